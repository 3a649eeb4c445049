package dev.durable.sample;

import dev.durable.test.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop's stories on PostgreSQL, in a schema of its own.
 */
class PostgresShopIntegrationTests extends AbstractShopIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
		registry.add("durable.jdbc.initialize-schema", () -> "always");
	}

}
