package dev.durable.engine.assembly;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Which optional parts run on this node.
 * @param workers whether this node claims and runs workflows
 * @param timedActivityThreads threads for activities with a timeout
 * @param retention how ended workflows are deleted, or {@code null} to keep them
 */
public record EngineOptions(boolean workers, int timedActivityThreads, @Nullable Retention retention,
		Duration eventPollInterval) {

	/**
	 * Deletion of ended workflows.
	 * @param period how long an ended workflow is kept
	 * @param interval how often the sweeper looks
	 * @param batchSize how many workflows one delete removes at most
	 */
	public record Retention(Duration period, Duration interval, int batchSize) {
	}

}
