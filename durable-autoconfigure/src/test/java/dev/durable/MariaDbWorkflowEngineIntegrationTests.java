package dev.durable;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engine contract on MariaDB, in a database of its own.
 */
@DirtiesContext
class MariaDbWorkflowEngineIntegrationTests extends AbstractWorkflowEngineIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase.register(registry);
	}

}
