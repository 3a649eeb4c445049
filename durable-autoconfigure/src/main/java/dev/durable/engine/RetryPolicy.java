package dev.durable.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * When to try a failed activity again and how long to wait first.
 * @param maxAttempts the most attempts, 0 for no limit
 * @param initialInterval the wait after the first failure
 * @param multiplier the factor each further wait grows by
 * @param maxInterval the cap on any wait
 */
public record RetryPolicy(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {

	/**
	 * Validate the policy.
	 */
	public RetryPolicy {
		if (maxAttempts < 0) {
			throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more, was " + maxAttempts);
		}
		Objects.requireNonNull(initialInterval, "initialInterval");
		Objects.requireNonNull(maxInterval, "maxInterval");
		if (initialInterval.isNegative() || maxInterval.isNegative()) {
			throw new IllegalArgumentException("Retry intervals must not be negative");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
	}

	/**
	 * Tell whether another attempt may follow the given one.
	 * @param failedAttempt the attempt that just failed, from 1
	 * @param failure what it threw
	 * @return {@code true} to retry
	 */
	public boolean allowsRetry(int failedAttempt, Throwable failure) {
		return this.maxAttempts == 0 || failedAttempt < this.maxAttempts;
	}

	/**
	 * Return the wait before the attempt that follows the given failed one.
	 * @param failedAttempt the attempt that failed, from 1
	 * @return the backoff
	 */
	public Duration backoffAfter(int failedAttempt) {
		double millis = this.initialInterval.toMillis() * Math.pow(this.multiplier, failedAttempt - 1);
		long capped = (long) Math.min(millis, this.maxInterval.toMillis());
		return Duration.ofMillis(Math.max(0, capped));
	}

}
