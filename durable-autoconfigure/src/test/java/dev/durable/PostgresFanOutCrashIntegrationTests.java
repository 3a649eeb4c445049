package dev.durable;

import java.nio.file.Path;
import java.util.List;

import dev.durable.test.PostgresTestDatabase;

/**
 * The fan-out crash test on PostgreSQL: the restarted process is a new node.
 */
class PostgresFanOutCrashIntegrationTests extends AbstractFanOutCrashIntegrationTests {

	private PostgresTestDatabase database;

	@Override
	List<String> databaseArguments(Path workDir) {
		if (this.database == null) {
			this.database = PostgresTestDatabase.create();
		}
		return this.database.processArguments();
	}

}
