package dev.durable.sample;

import java.nio.file.Path;
import java.util.List;

import dev.durable.test.PostgresTestDatabase;

/**
 * The crash test on PostgreSQL: the restarted process is a new node, so it takes the workflow
 * over once the dead node's lease has expired.
 */
class PostgresCrashRecoveryProcessIntegrationTests extends AbstractCrashRecoveryProcessIntegrationTests {

	private PostgresTestDatabase database;

	@Override
	List<String> databaseArguments(Path workDir) {
		if (this.database == null) {
			this.database = PostgresTestDatabase.create();
		}
		PostgresTestDatabase database = this.database;
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.USER, "--durable.jdbc.initialize-schema=always",
				"--durable.worker.lease-duration=3s");
	}

}
