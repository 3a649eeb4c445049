package dev.durable.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.durable.engine.DurableClock;

/**
 * A clock that stands still until the test moves it, for the engine of a {@link DurableTest}:
 * timers, signal deadlines and retry backoffs are stored as due times on this clock, so
 * {@code clock.advance(Duration.ofDays(30))} makes a 30-day timer due, and the workers, woken by
 * the move, run it at once.
 *
 * <p>Only waits longer than {@code durable.worker.in-thread-wait-limit} (1 s by default) are
 * stored as due times; shorter ones (a 500 ms retry backoff) pass in real time on the worker's
 * thread, whether or not the clock moves. Each test class's context has a clock of its own,
 * starting at the real time it was created; there is no global mode.
 *
 * <p>It is a {@link DurableClock}, not a {@link Clock} bean: an application's own {@code Clock}
 * bean is left as it is, and neither moves the other.
 *
 * <p>Times are kept to the microsecond, as the journal stores them. Thread-safe.
 */
public final class DurableTestClock extends DurableClock {

	private final MovableClock movable;

	/**
	 * Create a clock standing at an instant.
	 * @param start the time it shows until moved
	 */
	public DurableTestClock(Instant start) {
		this(new MovableClock(start));
	}

	private DurableTestClock(MovableClock movable) {
		super(movable);
		this.movable = movable;
	}

	/**
	 * Move the clock forward and wake the engine's workers, so that workflows that became due
	 * (timers, deadlines, backoffs) run at once.
	 * @param duration how far to move, not negative
	 * @return the new time
	 * @throws IllegalArgumentException if the duration is negative
	 */
	public Instant advance(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("A DurableTestClock only moves forward; advance(" + duration
					+ ") would move it back. Use set(Instant) at the start of a test to choose the time");
		}
		Instant moved = this.movable.move((now) -> now.plus(duration));
		this.movable.onMove.run();
		return moved;
	}

	/**
	 * Set the clock to an instant and wake the engine's workers. Setting it back in time is
	 * allowed (a test may choose its start time) but workflows already waiting keep the due
	 * times they recorded.
	 * @param instant the new time
	 */
	public void set(Instant instant) {
		Objects.requireNonNull(instant, "instant");
		this.movable.move((now) -> instant);
		this.movable.onMove.run();
	}

	/**
	 * Run something after each move: the test configuration wakes the engine's workers.
	 */
	void onMove(Runnable action) {
		this.movable.onMove = Objects.requireNonNull(action, "action");
	}

	@Override
	public String toString() {
		return "DurableTestClock[" + instant() + "]";
	}

	/**
	 * The {@link Clock} the engine reads: it holds the time, so that the engine and the test
	 * see one time.
	 */
	private static final class MovableClock extends Clock {

		private final Object lock = new Object();

		private Instant now;

		private volatile Runnable onMove = () -> {
		};

		MovableClock(Instant start) {
			this.now = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.MICROS);
		}

		Instant move(UnaryOperator<Instant> change) {
			synchronized (this.lock) {
				this.now = change.apply(this.now).truncatedTo(ChronoUnit.MICROS);
				return this.now;
			}
		}

		@Override
		public Instant instant() {
			synchronized (this.lock) {
				return this.now;
			}
		}

		@Override
		public long millis() {
			return instant().toEpochMilli();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		/**
		 * Refuse another zone: the engine works in instants, and a second clock object would
		 * not move with this one.
		 */
		@Override
		public Clock withZone(ZoneId zone) {
			if (ZoneOffset.UTC.equals(zone)) {
				return this;
			}
			throw new UnsupportedOperationException(
					"A DurableTestClock is always UTC; convert its instant() instead");
		}

		@Override
		public String toString() {
			return "DurableTestClock[" + instant() + "]";
		}

	}

}
