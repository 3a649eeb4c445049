package dev.durable.engine.journal;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The journal's part in schedules ({@code @DurableScheduled}): one row per schedule with its next
 * fire time, claimed by whichever node looks first, like a due workflow.
 */
public interface WorkflowSchedules {

	/**
	 * Create a schedule's row if it has none; if its cron expression or zone changed, take the new
	 * ones and the given next fire time.
	 * @param name the schedule's name
	 * @param cron the cron expression
	 * @param zone the time zone
	 * @param nextFireAt the first fire time from now
	 * @param now the current time
	 */
	void registerSchedule(String name, String cron, String zone, Instant nextFireAt, Instant now);

	/**
	 * Fire a schedule if it is due and not paused: in one transaction, lock its row (skipping it if
	 * another node holds it), let {@code fire} start the due workflows in that transaction and store
	 * the row it returns. A crash before the commit starts nothing and leaves the row due.
	 * @param name the schedule's name
	 * @param now the current time
	 * @param fire starts the workflows of the due row and returns the row to store
	 * @return whether the row was due and fired
	 */
	boolean fireSchedule(String name, Instant now, UnaryOperator<ScheduleRecord> fire);

	/**
	 * Read every schedule's row, by name.
	 * @return the rows
	 */
	List<ScheduleRecord> schedules();

	/**
	 * Pause or resume a schedule.
	 * @param name the schedule's name
	 * @param paused whether it is paused from now on
	 * @param nextFireAt the next fire time to store, for a resumed schedule, so that it does not catch up
	 * on the fire times that passed while it was paused
	 * @param now the current time
	 * @return whether the schedule exists
	 */
	boolean pauseSchedule(String name, boolean paused, Instant nextFireAt, Instant now);

}
