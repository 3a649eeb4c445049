package dev.durable;

import dev.durable.test.MariaDbTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operating workflows on MariaDB, in a database of its own.
 */
@DirtiesContext
class MariaDbWorkflowOperationsIntegrationTests extends AbstractWorkflowOperationsIntegrationTests {

	@DynamicPropertySource
	static void mariadb(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase database = MariaDbTestDatabase.create();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", () -> MariaDbTestDatabase.USER);
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "create");
		registry.add("durable.jdbc.initialize-schema", () -> "always");
	}

}
