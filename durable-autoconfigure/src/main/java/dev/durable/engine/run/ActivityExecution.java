package dev.durable.engine.run;

/**
 * The running attempt of an activity, behind {@code ActivityContext}.
 * @param workflowId the workflow it runs for
 * @param idempotencyKey the key stable across attempts, replays and restarts
 * @param attempt the attempt number, from 1
 */
public record ActivityExecution(String workflowId, String idempotencyKey, int attempt) {
}
