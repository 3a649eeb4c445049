package dev.durable;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.durable.test.PostgresTestDatabase;

/**
 * The timer crash test on PostgreSQL: the restarted process is a new node.
 */
class PostgresTimerCrashIntegrationTests extends AbstractTimerCrashIntegrationTests {

	private final Supplier<List<String>> database = PostgresTestDatabase.processArgumentsOnFirstUse();

	@Override
	List<String> databaseArguments(Path workDir) {
		return this.database.get();
	}

}
