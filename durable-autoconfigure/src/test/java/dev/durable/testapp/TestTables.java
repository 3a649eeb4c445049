package dev.durable.testapp;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates the test application's own tables. Nodes that start together race on them, and
 * PostgreSQL's {@code create table if not exists} does not cover the race: the loser fails on the
 * catalog's unique key, after which the table exists, so once more settles it.
 */
final class TestTables {

	private TestTables() {
	}

	static void create(JdbcTemplate jdbc, String createIfNotExists) {
		try {
			jdbc.execute(createIfNotExists);
		}
		catch (DataIntegrityViolationException ex) {
			jdbc.execute(createIfNotExists);
		}
	}

}
