package dev.durable;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs that keep failing outside workflow code, on MariaDB, in a database of its own: it refuses
 * NUL characters in text, where H2 takes them.
 */
@DirtiesContext
class MariaDbPoisonRunIntegrationTests extends AbstractPoisonRunIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase.register(registry);
	}

}
