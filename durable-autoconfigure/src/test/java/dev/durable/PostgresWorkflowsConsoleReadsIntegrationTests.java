package dev.durable;

import dev.durable.test.PostgresTestDatabase;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's reads on PostgreSQL, in a schema of its own.
 */
@DirtiesContext
class PostgresWorkflowsConsoleReadsIntegrationTests extends AbstractWorkflowsConsoleReadsIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "create");
		registry.add("durable.jdbc.initialize-schema", () -> "always");
	}

}
