package dev.durable.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's tuning, bound from {@code durable.*} properties by the auto-configuration.
 * @param nodeId this node's identity, written as owner of the workflows it runs
 * @param concurrency the most workflows this node runs at once
 * @param pollInterval how often workers look for due workflows when not woken earlier
 * @param leaseDuration how long a claim lasts without renewal
 * @param shutdownTimeout how long shutdown waits for running workflows before releasing them
 * @param inThreadWaitLimit waits up to this long (retry backoffs, short sleeps) keep the thread;
 * longer ones suspend the workflow
 * @param defaultRetry the retry policy of activities that name none
 */
public record EngineSettings(String nodeId, int concurrency, Duration pollInterval, Duration leaseDuration,
		Duration shutdownTimeout, Duration inThreadWaitLimit, RetryPolicy defaultRetry) {

	/**
	 * Validate the settings.
	 */
	public EngineSettings {
		Objects.requireNonNull(nodeId, "nodeId");
		if (concurrency < 1) {
			throw new IllegalArgumentException("durable.worker.concurrency must be at least 1, was " + concurrency);
		}
		requirePositive("durable.worker.poll-interval", pollInterval);
		requirePositive("durable.worker.lease-duration", leaseDuration);
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(inThreadWaitLimit, "inThreadWaitLimit");
		Objects.requireNonNull(defaultRetry, "defaultRetry");
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
		}
	}

}
