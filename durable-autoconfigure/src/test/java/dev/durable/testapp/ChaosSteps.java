package dev.durable.testapp;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The multi-node chaos test's activities: each writes one row per run into the application's own
 * table {@code chaos_step}, inside its transaction, so that the test can count how often each step
 * really committed. The table has no unique key on purpose: a step run twice shows as two rows.
 */
@Activity
public class ChaosSteps {

	private final JdbcTemplate jdbc;

	private final String node;

	private final long stepMillis;

	public ChaosSteps(JdbcTemplate jdbc, @Value("${durable.node-id:unknown}") String node,
			@Value("${chaos.step-millis:0}") long stepMillis) {
		this.jdbc = jdbc;
		this.node = node;
		this.stepMillis = stepMillis;
	}

	@Transactional
	public String first(String workflowId) {
		return step(workflowId, "first");
	}

	@Transactional
	public String second(String workflowId) {
		return step(workflowId, "second");
	}

	private String step(String workflowId, String step) {
		this.jdbc.update("insert into chaos_step (workflow_id, step, node, attempt) values (?, ?, ?, ?)", workflowId,
				step, this.node, ActivityContext.attempt());
		// Some work inside the open transaction, so that a kill or a pause lands inside activities.
		try {
			Thread.sleep(this.stepMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted in step '" + step + "' of " + workflowId, ex);
		}
		return this.node;
	}

}
