package dev.durable.scheduleapp;

import java.time.Instant;

import dev.durable.annotation.DurableScheduled;
import dev.durable.annotation.DurableWorkflow;

/**
 * Scheduled workflows: one every second, and three hourly ones, one per missed-fire-time policy,
 * that only a moved clock makes due.
 */
@DurableWorkflow
public class Ticks {

	@DurableScheduled(cron = "* * * * * *", zone = "UTC")
	public String everySecond(Instant fireTime) {
		return fireTime.toString();
	}

	@DurableScheduled(cron = "0 0 * * * *", zone = "Europe/Berlin")
	public void hourlyOnce() {
	}

	@DurableScheduled(cron = "0 0 * * * *", missed = DurableScheduled.Missed.RUN_ALL)
	public void hourlyAll(Instant fireTime) {
	}

	@DurableScheduled(cron = "0 0 * * * *", missed = DurableScheduled.Missed.SKIP)
	public void hourlySkip() {
	}

}
