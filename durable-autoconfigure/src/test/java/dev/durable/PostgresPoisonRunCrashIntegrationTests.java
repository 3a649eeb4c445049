package dev.durable;

import java.nio.file.Path;
import java.util.List;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;

/**
 * The poison run crash test on PostgreSQL, in a schema of its own: each restarted process is a
 * new node.
 */
class PostgresPoisonRunCrashIntegrationTests extends AbstractPoisonRunCrashIntegrationTests {

	private final PostgresTestDatabase database = PostgresTestDatabase.create();

	@AfterEach
	void dropSchema() {
		this.database.drop();
	}

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.USER, "--durable.jdbc.initialize-schema=always");
	}

}
