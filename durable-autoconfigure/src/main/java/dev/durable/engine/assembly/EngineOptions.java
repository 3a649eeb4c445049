package dev.durable.engine.assembly;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Which optional parts run on this node.
 * @param workers whether this node claims and runs workflows
 * @param timedActivityThreads threads for activities with a timeout
 * @param retention how ended workflows are deleted, or {@code null} to keep them
 * @param eventPollInterval how often a reader waiting for a published value looks
 * @param asyncActivityConcurrency threads for activity futures ({@code Workflow.async})
 */
public record EngineOptions(boolean workers, int timedActivityThreads, @Nullable Retention retention,
		Duration eventPollInterval, int asyncActivityConcurrency) {

	/** The default of {@code durable.worker.async-activity-concurrency}. */
	public static final int DEFAULT_ASYNC_ACTIVITY_CONCURRENCY = 32;

	/**
	 * Create the options with the default pool of activity futures.
	 * @param workers whether this node claims and runs workflows
	 * @param timedActivityThreads threads for activities with a timeout
	 * @param retention how ended workflows are deleted, or {@code null} to keep them
	 * @param eventPollInterval how often a reader waiting for a published value looks
	 */
	public EngineOptions(boolean workers, int timedActivityThreads, @Nullable Retention retention,
			Duration eventPollInterval) {
		this(workers, timedActivityThreads, retention, eventPollInterval, DEFAULT_ASYNC_ACTIVITY_CONCURRENCY);
	}

	/**
	 * Deletion of ended workflows.
	 * @param period how long an ended workflow is kept
	 * @param interval how often the sweeper looks
	 * @param batchSize how many workflows one delete removes at most
	 */
	public record Retention(Duration period, Duration interval, int batchSize) {
	}

}
