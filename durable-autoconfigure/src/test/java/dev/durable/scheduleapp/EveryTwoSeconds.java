package dev.durable.scheduleapp;

import java.time.Instant;

import dev.durable.annotation.DurableScheduled;
import dev.durable.annotation.DurableWorkflow;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Three schedules every two seconds, one per missed-fire-time policy, for the schedule crash test
 * on real processes; only there ({@code schedule-app.every-two-seconds=true}), so that the
 * in-process schedule tests and the dashboard see only {@link Ticks}.
 */
@DurableWorkflow
@ConditionalOnProperty("schedule-app.every-two-seconds")
public class EveryTwoSeconds {

	@DurableScheduled(cron = "*/2 * * * * *", zone = "UTC")
	public String runOnce(Instant fireTime) {
		return fireTime.toString();
	}

	@DurableScheduled(cron = "*/2 * * * * *", zone = "UTC", missed = DurableScheduled.Missed.RUN_ALL)
	public String runAll(Instant fireTime) {
		return fireTime.toString();
	}

	@DurableScheduled(cron = "*/2 * * * * *", zone = "UTC", missed = DurableScheduled.Missed.SKIP)
	public String skip(Instant fireTime) {
		return fireTime.toString();
	}

}
