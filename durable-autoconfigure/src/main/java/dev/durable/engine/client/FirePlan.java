package dev.durable.engine.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.durable.annotation.DurableScheduled.Missed;
import org.springframework.scheduling.support.CronExpression;

/**
 * What one firing of a due schedule starts: the fire times that passed since its stored next fire
 * time, filtered by its {@link Missed} policy, and the next fire time to store. A fire time is on
 * time when it is the latest that passed and passed less than the grace ago; the others passed
 * while no node fired them, and are missed.
 * @param fireTimes the fire times to start a workflow for, oldest first
 * @param next the next fire time to store
 */
record FirePlan(List<Instant> fireTimes, Instant next) {

	/** The most fire times one firing walks; a longer downtime is caught up over several firings. */
	static final int MAX_FIRE_TIMES = 1000;

	FirePlan {
		Objects.requireNonNull(fireTimes, "fireTimes");
		Objects.requireNonNull(next, "next");
		fireTimes = List.copyOf(fireTimes);
	}

	/**
	 * Plan a firing.
	 * @param nextFireAt the stored next fire time, due
	 * @param cron the cron expression
	 * @param zone its time zone
	 * @param missed the policy for missed fire times
	 * @param now the current time
	 * @param grace how late a fire time may be started and still be on time
	 * @return the plan
	 */
	static FirePlan of(Instant nextFireAt, CronExpression cron, ZoneId zone, Missed missed, Instant now,
			Duration grace) {
		List<Instant> due = new ArrayList<>();
		Instant fire = nextFireAt;
		while (!fire.isAfter(now) && due.size() < MAX_FIRE_TIMES) {
			due.add(fire);
			fire = next(cron, zone, fire);
		}
		if (due.isEmpty()) {
			return new FirePlan(List.of(), nextFireAt);
		}
		boolean caughtUp = fire.isAfter(now);
		Instant latest = due.get(due.size() - 1);
		boolean latestOnTime = caughtUp && !latest.plus(grace).isBefore(now);
		switch (missed) {
			case RUN_ALL:
				return new FirePlan(due, fire);
			case SKIP:
				return new FirePlan(latestOnTime ? List.of(latest) : List.of(), fire);
			default:
				return new FirePlan(caughtUp ? List.of(latest) : List.of(), fire);
		}
	}

	/**
	 * Return the first fire time after an instant.
	 * @param cron the cron expression
	 * @param zone its time zone
	 * @param after the instant
	 * @return the next fire time
	 */
	static Instant next(CronExpression cron, ZoneId zone, Instant after) {
		ZonedDateTime next = cron.next(after.atZone(zone));
		if (next == null) {
			throw new IllegalStateException("Cron expression '" + cron + "' has no fire time after " + after);
		}
		return next.toInstant();
	}

}
