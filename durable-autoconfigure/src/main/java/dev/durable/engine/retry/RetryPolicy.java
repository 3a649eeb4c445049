package dev.durable.engine.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * When to try a failed activity again and how long to wait first.
 * @param name the policy's name, for messages
 * @param maxAttempts the most attempts, 0 for no limit
 * @param backoff the wait after a failed attempt, given the attempt number (from 1) and its failure
 * @param retryable which failures may be retried at all
 */
public record RetryPolicy(String name, int maxAttempts, BiFunction<Integer, Throwable, Duration> backoff,
		Predicate<Throwable> retryable) {

	/**
	 * Validate the policy.
	 */
	public RetryPolicy {
		Objects.requireNonNull(name, "name");
		if (maxAttempts < 0) {
			throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more, was " + maxAttempts);
		}
		Objects.requireNonNull(backoff, "backoff");
		Objects.requireNonNull(retryable, "retryable");
	}

	/**
	 * Create an exponential policy that retries every failure.
	 * @param name the policy's name
	 * @param maxAttempts the most attempts, 0 for no limit
	 * @param initialInterval the wait after the first failure
	 * @param multiplier the factor each further wait grows by, at least 1
	 * @param maxInterval the cap on any wait
	 * @return the policy
	 */
	public static RetryPolicy exponential(String name, int maxAttempts, Duration initialInterval, double multiplier,
			Duration maxInterval) {
		if (initialInterval.isNegative() || maxInterval.isNegative()) {
			throw new IllegalArgumentException("Retry intervals must not be negative");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
		return new RetryPolicy(name, maxAttempts, (attempt, failure) -> {
			double millis = initialInterval.toMillis() * Math.pow(multiplier, attempt - 1);
			return Duration.ofMillis((long) Math.max(0, Math.min(millis, maxInterval.toMillis())));
		}, (failure) -> true);
	}

	/**
	 * Tell whether another attempt may follow the given one.
	 * @param failedAttempt the attempt that just failed, from 1
	 * @param failure what it threw
	 * @return {@code true} to retry
	 */
	public boolean allowsRetry(int failedAttempt, Throwable failure) {
		return (this.maxAttempts == 0 || failedAttempt < this.maxAttempts) && this.retryable.test(failure);
	}

	/**
	 * Return the wait before the attempt that follows the given failed one.
	 * @param failedAttempt the attempt that failed, from 1
	 * @param failure what it threw
	 * @return the backoff
	 */
	public Duration backoffAfter(int failedAttempt, Throwable failure) {
		Duration wait = this.backoff.apply(failedAttempt, failure);
		return (wait == null || wait.isNegative()) ? Duration.ZERO : wait;
	}

}
