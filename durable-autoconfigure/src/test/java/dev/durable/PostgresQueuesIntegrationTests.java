package dev.durable;

import dev.durable.test.PostgresTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Queues on PostgreSQL, in a schema of its own.
 */
@DirtiesContext
class PostgresQueuesIntegrationTests extends AbstractQueuesIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
