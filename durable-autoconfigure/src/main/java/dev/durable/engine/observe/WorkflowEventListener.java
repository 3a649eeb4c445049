package dev.durable.engine.observe;

import java.time.Duration;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * Told what the engine does, for metrics and other observers. Every method does nothing by
 * default. Listeners are called on the engine's threads, synchronously: they must be quick and
 * must not call back into the engine. An exception a listener throws is logged and ignored.
 */
public interface WorkflowEventListener {

	/**
	 * A workflow was created (a start, a direct call or a child), in the transaction of the
	 * start when there is one.
	 * @param workflowId the workflow id
	 * @param type the workflow type
	 */
	default void workflowStarted(String workflowId, String type) {
	}

	/**
	 * A workflow ended on this node.
	 * @param workflowId the workflow id
	 * @param type the workflow type
	 * @param status {@code COMPLETED}, {@code FAILED} or {@code CANCELLED}
	 */
	default void workflowEnded(String workflowId, String type, WorkflowStatus status) {
	}

	/**
	 * One attempt of an activity ran on this node (replayed steps do not count).
	 * @param activityName the activity's name
	 * @param attempt the attempt number, from 1
	 * @param failure what the attempt threw, or null if it succeeded
	 * @param duration how long the attempt took
	 */
	default void activityAttempted(String activityName, int attempt, @Nullable Throwable failure, Duration duration) {
	}

	/**
	 * This node ended a workflow FAILED because its runs kept stopping without ending or waiting
	 * ({@code durable.worker.max-run-attempts}); {@link #workflowEnded} follows.
	 * @param workflowId the workflow id
	 * @param type the workflow type
	 * @param runs how many runs in a row had stopped
	 */
	default void workflowRunsExhausted(String workflowId, String type, int runs) {
	}

	/**
	 * This node claimed a due workflow.
	 * @param workflowId the workflow id
	 * @param lag how long after becoming due it was claimed
	 */
	default void workflowClaimed(String workflowId, Duration lag) {
	}

	/**
	 * A workflow published a value under a key ({@code Workflow.setEvent}) on this node; called
	 * once the value is committed, never on replay.
	 * @param workflowId the workflow id
	 * @param key the key
	 */
	default void eventPublished(String workflowId, String key) {
	}

}
