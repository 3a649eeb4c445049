package dev.durable.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * {@code durable.activity.*}: activities.
 */
public class DurableActivityProperties {

	private final DefaultRetry defaultRetry = new DefaultRetry();

	public DefaultRetry getDefaultRetry() {
		return this.defaultRetry;
	}


	/**
	 * The retry policy of activities that name none: by default, retry until success with
	 * exponential backoff from 1 s, doubling, capped at 1 min.
	 */
	public static class DefaultRetry {

		/**
		 * Resilience4j retry instance (resilience4j.retry.instances.<name>) to use as the default
		 * policy instead of the settings below.
		 */
		private @Nullable String instance;

		/**
		 * Most attempts per activity call; 0 retries until success.
		 */
		private int maxAttempts = 0;

		/**
		 * Wait after the first failed attempt.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor by which each further wait grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxInterval = Duration.ofMinutes(1);

		public @Nullable String getInstance() {
			return this.instance;
		}

		public void setInstance(@Nullable String instance) {
			this.instance = instance;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

}
