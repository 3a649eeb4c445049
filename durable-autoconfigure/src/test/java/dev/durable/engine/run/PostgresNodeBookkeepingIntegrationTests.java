package dev.durable.engine.run;

import dev.durable.test.PostgresTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node's per-workflow bookkeeping on PostgreSQL, in a schema of its own.
 */
@DirtiesContext
class PostgresNodeBookkeepingIntegrationTests extends AbstractNodeBookkeepingIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
