package dev.durable;

import dev.durable.test.PostgresTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs that keep failing outside workflow code, on PostgreSQL, in a schema of its own: it refuses
 * NUL characters in text, where H2 takes them.
 */
@DirtiesContext
class PostgresPoisonRunIntegrationTests extends AbstractPoisonRunIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

}
