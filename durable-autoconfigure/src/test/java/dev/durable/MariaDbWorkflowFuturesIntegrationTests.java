package dev.durable;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Durable futures on MariaDB, in a database of its own.
 */
@DirtiesContext
class MariaDbWorkflowFuturesIntegrationTests extends AbstractWorkflowFuturesIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase.register(registry);
	}

}
