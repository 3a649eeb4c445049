package dev.durable;

import java.nio.file.Path;
import java.util.List;

import dev.durable.test.PostgresTestDatabase;

/**
 * The held-completion crash test on PostgreSQL.
 */
class PostgresHeldCompletionCrashIntegrationTests extends AbstractHeldCompletionCrashIntegrationTests {

	private PostgresTestDatabase database;

	@Override
	List<String> databaseArguments(Path workDir) {
		if (this.database == null) {
			this.database = PostgresTestDatabase.create();
		}
		return this.database.processArguments();
	}

}
