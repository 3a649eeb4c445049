package dev.durable;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.durable.test.PostgresTestDatabase;

/**
 * The acknowledged-work crash test on PostgreSQL.
 */
class PostgresAcknowledgedWorkCrashIntegrationTests extends AbstractAcknowledgedWorkCrashIntegrationTests {

	private final Supplier<List<String>> database = PostgresTestDatabase.processArgumentsOnFirstUse();

	@Override
	List<String> databaseArguments(Path workDir) {
		return this.database.get();
	}

}
