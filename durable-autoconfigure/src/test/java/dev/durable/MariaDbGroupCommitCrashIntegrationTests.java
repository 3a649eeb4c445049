package dev.durable;

import dev.durable.test.MariaDbTestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * The group-commit crash test on MariaDB, whose shared commits lock the fenced rows, then insert.
 */
class MariaDbGroupCommitCrashIntegrationTests extends AbstractGroupCommitCrashIntegrationTests {

	private final MariaDbTestDatabase database = MariaDbTestDatabase.create();

	@AfterEach
	void dropDatabase() {
		this.database.drop();
	}

	@Override
	String url() {
		return this.database.url();
	}

	@Override
	String user() {
		return MariaDbTestDatabase.USER;
	}

	@Override
	String password() {
		return MariaDbTestDatabase.PASSWORD;
	}

	@Override
	String missingTableState() {
		return "42S02";
	}

}
