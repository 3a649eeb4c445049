package dev.durable.engine.run;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A node's per-workflow bookkeeping on MariaDB, in a database of its own.
 */
@DirtiesContext
class MariaDbNodeBookkeepingIntegrationTests extends AbstractNodeBookkeepingIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase.register(registry);
	}

}
