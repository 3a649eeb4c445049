package dev.durable.testapp;

import dev.durable.annotation.Activity;
import jakarta.annotation.PostConstruct;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A non-transactional activity whose every execution leaves a committed row, tagged with the
 * process generation that ran it, so a test can tell what ran before and after a crash.
 */
@Activity
public class StepLog {

	private static final String CREATE_TABLE = "create table if not exists step_run (run_key varchar(255) not null, "
			+ "step integer not null, generation integer not null)";

	private final JdbcTemplate jdbc;

	private final int generation;

	public StepLog(JdbcTemplate jdbc, @Value("${test.generation:0}") int generation) {
		this.jdbc = jdbc;
		this.generation = generation;
	}

	@PostConstruct
	void createTable() {
		TestTables.create(this.jdbc, CREATE_TABLE);
	}

	public int record(String key, int step) {
		this.jdbc.update("insert into step_run (run_key, step, generation) values (?, ?, ?)", key, step,
				this.generation);
		return step;
	}

}
