package dev.durable.testapp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;
import jakarta.annotation.PostConstruct;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fanned-out activity that leaves a committed row each time it begins, with the process
 * generation and its idempotency key, so a crash test can tell what ran before and after a kill.
 */
@Activity
public class FanOutLog {

	/** While this file exists in the working directory, the first process's activities wait. */
	public static final Path HOLD = Path.of("fan-out-hold");

	private final JdbcTemplate jdbc;

	private final int generation;

	public FanOutLog(JdbcTemplate jdbc, @Value("${test.generation:0}") int generation) {
		this.jdbc = jdbc;
		this.generation = generation;
	}

	@PostConstruct
	void createTable() {
		TestTables.create(this.jdbc, "create table if not exists fan_out_run (workflow_id varchar(255) not null, "
				+ "idx integer not null, generation integer not null, run_key varchar(255) not null)");
	}

	public Ran run(String workflowId, int index, long millis) {
		this.jdbc.update("insert into fan_out_run (workflow_id, idx, generation, run_key) values (?, ?, ?, ?)",
				workflowId, index, this.generation, ActivityContext.idempotencyKey());
		try {
			if (!Files.exists(HOLD)) {
				Thread.sleep(millis);
			}
			else if (this.generation == 1) {
				// The fencing test holds the first process's activities until it has paused and resumed
				// it; the node that takes over runs them at once.
				long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
				while (Files.exists(HOLD) && System.nanoTime() < until) {
					Thread.sleep(20);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return new Ran(index, this.generation);
	}

	/**
	 * Which future ran, in which process generation.
	 * @param index the future's index
	 * @param generation the process generation that ran it
	 */
	public record Ran(int index, int generation) {
	}

	public List<Map<String, Object>> runs(String workflowId) {
		return this.jdbc.queryForList(
				"select idx, generation, run_key from fan_out_run where workflow_id = ? order by idx, generation",
				workflowId);
	}

}
