package dev.durable.engine.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

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
 * @param maxRunAttempts how many runs in a row may stop without ending or waiting (a store error,
 * a lost lease, a dead process) before the workflow fails
 * @param queues the configured queues ({@code durable.queues.*}), none by default
 */
public record EngineSettings(String nodeId, int concurrency, Duration pollInterval, Duration leaseDuration,
		Duration shutdownTimeout, Duration inThreadWaitLimit, RetryPolicy defaultRetry, int maxRunAttempts,
		List<QueueLimits> queues) {

	/** The default of {@link #maxRunAttempts()}. */
	public static final int DEFAULT_MAX_RUN_ATTEMPTS = 10;

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
		if (maxRunAttempts < 1) {
			throw new IllegalArgumentException(
					"durable.worker.max-run-attempts must be at least 1, was " + maxRunAttempts);
		}
		queues = List.copyOf(queues);
	}

	/**
	 * Create the settings with no queues.
	 * @param nodeId this node's identity
	 * @param concurrency the most workflows this node runs at once
	 * @param pollInterval how often workers look for due workflows
	 * @param leaseDuration how long a claim lasts without renewal
	 * @param shutdownTimeout how long shutdown waits for running workflows
	 * @param inThreadWaitLimit the longest wait that keeps the thread
	 * @param defaultRetry the retry policy of activities that name none
	 * @param maxRunAttempts how many runs in a row may stop without ending or waiting
	 */
	public EngineSettings(String nodeId, int concurrency, Duration pollInterval, Duration leaseDuration,
			Duration shutdownTimeout, Duration inThreadWaitLimit, RetryPolicy defaultRetry, int maxRunAttempts) {
		this(nodeId, concurrency, pollInterval, leaseDuration, shutdownTimeout, inThreadWaitLimit, defaultRetry,
				maxRunAttempts, List.of());
	}

	/**
	 * Return the limits of a configured queue.
	 * @param name the queue's name
	 * @return its limits, or null if no queue of that name is configured
	 */
	public @Nullable QueueLimits queue(String name) {
		for (QueueLimits queue : this.queues) {
			if (queue.name().equals(name)) {
				return queue;
			}
		}
		return null;
	}

	/**
	 * Create the settings with the default {@link #maxRunAttempts()}.
	 * @param nodeId this node's identity
	 * @param concurrency the most workflows this node runs at once
	 * @param pollInterval how often workers look for due workflows
	 * @param leaseDuration how long a claim lasts without renewal
	 * @param shutdownTimeout how long shutdown waits for running workflows
	 * @param inThreadWaitLimit the longest wait that keeps the thread
	 * @param defaultRetry the retry policy of activities that name none
	 */
	public EngineSettings(String nodeId, int concurrency, Duration pollInterval, Duration leaseDuration,
			Duration shutdownTimeout, Duration inThreadWaitLimit, RetryPolicy defaultRetry) {
		this(nodeId, concurrency, pollInterval, leaseDuration, shutdownTimeout, inThreadWaitLimit, defaultRetry,
				DEFAULT_MAX_RUN_ATTEMPTS);
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be a positive duration, was " + value);
		}
	}

}
