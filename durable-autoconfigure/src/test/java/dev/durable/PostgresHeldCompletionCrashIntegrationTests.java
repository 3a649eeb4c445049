package dev.durable;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.durable.test.PostgresTestDatabase;

/**
 * The held-completion crash test on PostgreSQL.
 */
class PostgresHeldCompletionCrashIntegrationTests extends AbstractHeldCompletionCrashIntegrationTests {

	private final Supplier<List<String>> database = PostgresTestDatabase.processArgumentsOnFirstUse();

	@Override
	List<String> databaseArguments(Path workDir) {
		return this.database.get();
	}

}
