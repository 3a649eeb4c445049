package dev.durable.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, so that timers, backoffs and wake-up times
 * are exact instants a test can assert on, and a wait of hours passes in no time.
 */
final class SteppedClock extends Clock {

	private volatile Instant now;

	/**
	 * Create a clock standing at the given instant.
	 * @param start the instant it shows until moved
	 */
	SteppedClock(Instant start) {
		this.now = start;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("SteppedClock is always UTC");
	}

}
