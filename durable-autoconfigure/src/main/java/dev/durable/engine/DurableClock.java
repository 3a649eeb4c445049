package dev.durable.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The clock the engine stamps journal events, timers, deadlines and retry backoffs with.
 *
 * <p>A type of Durable's own rather than a {@link Clock} bean, so that an application's
 * {@code Clock} bean never changes Durable's time, and code that injects a {@code Clock} never
 * finds Durable's. Define a bean of this type to run the engine on another clock; tests do, to
 * move time forward.
 */
public class DurableClock {

	private final Clock clock;

	/**
	 * Create a Durable clock that reads the given clock.
	 * @param clock the clock to read
	 */
	public DurableClock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Return a Durable clock on the system's UTC clock, the engine's default.
	 * @return the system clock
	 */
	public static DurableClock systemUTC() {
		return new DurableClock(Clock.systemUTC());
	}

	/**
	 * Return the current instant.
	 * @return the current instant
	 */
	public final Instant instant() {
		return this.clock.instant();
	}

	/**
	 * Return the {@link Clock} this Durable clock reads, for the parts of the engine that compute
	 * with {@code java.time}.
	 * @return the underlying clock
	 */
	public final Clock clock() {
		return this.clock;
	}

	@Override
	public String toString() {
		return "DurableClock[" + this.clock + "]";
	}

}
