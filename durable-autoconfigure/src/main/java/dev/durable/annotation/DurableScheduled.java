package dev.durable.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a workflow entry point on a schedule: each fire time of the cron expression starts
 * exactly one workflow across all nodes sharing the database, with the id
 * {@code <workflow type>@<fire time as Instant.toString() writes it>}, for example
 * {@code Settlements.nightlySettlement@2026-12-02T01:00:00Z}.
 *
 * <p>On a {@link DurableWorkflow} entry point with no parameters or one {@code java.time.Instant}
 * (the fire time):
 * <pre>{@code
 * @DurableScheduled(cron = "0 0 2 * * *", zone = "Europe/Berlin")
 * public void nightlySettlement(Instant scheduledTime) { ... }
 * }</pre>
 * An invalid cron expression or zone fails start-up naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DurableScheduled {

	/**
	 * The cron expression, in Spring's syntax (six fields, seconds first, as
	 * {@code org.springframework.scheduling.support.CronExpression} reads it).
	 * @return the cron expression
	 */
	String cron();

	/**
	 * The time zone the cron expression is read in, such as {@code Europe/Berlin}.
	 * @return the zone id, or empty for the JVM's default zone
	 */
	String zone() default "";

	/**
	 * What happens to the fire times that passed while no node was up to fire them.
	 * @return the policy, {@link Missed#RUN_ONCE} by default
	 */
	Missed missed() default Missed.RUN_ONCE;

	/**
	 * What a schedule does with the fire times that passed during a downtime.
	 */
	enum Missed {

		/** Start one workflow, for the latest of the missed fire times. */
		RUN_ONCE,

		/** Start one workflow per missed fire time, oldest first. */
		RUN_ALL,

		/** Start none; the schedule goes on with its next fire time. */
		SKIP

	}

}
