package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code durable_schedule}: one {@code @DurableScheduled} method, its next fire time and
 * its last run.
 * @param name the schedule's name, the workflow type it starts
 * @param cron the cron expression the row was computed with
 * @param zone the time zone of the cron expression
 * @param nextFireAt the next fire time not yet started
 * @param lastFireAt the fire time of the last workflow started, or null
 * @param lastWorkflowId the id of that workflow, or null
 * @param paused whether an operator paused the schedule
 */
public record ScheduleRecord(String name, String cron, String zone, Instant nextFireAt, @Nullable Instant lastFireAt,
		@Nullable String lastWorkflowId, boolean paused) {

	/**
	 * Validate the record.
	 */
	public ScheduleRecord {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(cron, "cron");
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(nextFireAt, "nextFireAt");
	}

}
