package dev.durable;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * The group-commit crash test on PostgreSQL.
 */
class PostgresGroupCommitCrashIntegrationTests extends AbstractGroupCommitCrashIntegrationTests {

	private final PostgresTestDatabase database = PostgresTestDatabase.create();

	@AfterEach
	void dropSchema() {
		this.database.drop();
	}

	@Override
	String url() {
		return this.database.url();
	}

	@Override
	String user() {
		return PostgresTestDatabase.USER;
	}

	@Override
	String password() {
		return System.getProperty("durable.test.postgres.password", "");
	}

	@Override
	String missingTableState() {
		return "42P01";
	}

}
