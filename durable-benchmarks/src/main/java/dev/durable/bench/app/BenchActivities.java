package dev.durable.bench.app;

import java.sql.Timestamp;
import java.time.Instant;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The activities of the benchmark workflows, in their own bean as users must write them.
 */
@Activity
public class BenchActivities {

	private final ReplayProbe probe;

	private final JdbcTemplate jdbc;

	public BenchActivities(ReplayProbe probe, JdbcTemplate jdbc) {
		this.probe = probe;
		this.jdbc = jdbc;
	}

	/**
	 * A step that does no work of its own, so only the engine's cost is measured.
	 * @param key the workflow's key
	 * @param step the step number
	 * @return a short string
	 */
	public String step(String key, int step) {
		return "ok-" + step;
	}

	/**
	 * The fan-out workload's step: sleeps {@code millis} (0: none), standing for a call to another
	 * service.
	 * @param key the workflow's key
	 * @param step the step number
	 * @param millis how long to sleep
	 * @return a short string
	 */
	public String pause(String key, int step, long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted in step " + step, ex);
			}
		}
		return "ok-" + step;
	}

	/**
	 * W3's first step after the replay: notes how long the replay took. The claim that started
	 * this run wrote its time into the workflow row's {@code updated_at}, and nothing has written
	 * the row since (loading and replaying only read), so that column is the run's start.
	 * @param key the workflow's key
	 * @return a short string
	 */
	public String afterWake(String key) {
		long reachedNanos = System.nanoTime();
		Instant reached = Instant.now();
		Timestamp claimed = this.jdbc.queryForObject("select updated_at from durable_workflow where id = ?",
				Timestamp.class, ActivityContext.workflowId());
		this.probe.firstNewStep(ActivityContext.workflowId(), reachedNanos, reached, claimed.toInstant());
		return "awake-" + key;
	}

	/**
	 * W4's step after the sleep: returns the moment it ran, which the harness compares with the
	 * timer's due time.
	 * @param key the workflow's key
	 * @return the current time, ISO-8601
	 */
	public String woke(String key) {
		return Instant.now().toString();
	}

}
