package dev.durable;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Published values on MariaDB, in a database of its own.
 */
@DirtiesContext
class MariaDbWorkflowEventsIntegrationTests extends AbstractWorkflowEventsIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase.register(registry);
	}

}
