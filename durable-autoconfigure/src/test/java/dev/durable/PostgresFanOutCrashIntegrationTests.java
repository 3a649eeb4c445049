package dev.durable;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.durable.test.PostgresTestDatabase;

/**
 * The fan-out crash test on PostgreSQL: the restarted process is a new node.
 */
class PostgresFanOutCrashIntegrationTests extends AbstractFanOutCrashIntegrationTests {

	private final Supplier<List<String>> database = PostgresTestDatabase.processArgumentsOnFirstUse();

	@Override
	List<String> databaseArguments(Path workDir) {
		return this.database.get();
	}

}
