package dev.durable.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code durable.*} property, and the {@code workflows} endpoint's own settings, are
 * documented for IDEs and in the configuration reference, {@code docs/configuration.md}.
 */
class ConfigurationMetadataTests {

	private static boolean isOurs(String name) {
		return name.startsWith("durable.") || name.startsWith("management.endpoint.workflows.");
	}

	@Test
	void everyDurablePropertyHasADescription() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		List<String> undocumented = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (isOurs(name)) {
				names.add(name);
				JsonNode description = property.get("description");
				if (description == null || description.asString().isBlank()) {
					undocumented.add(name);
				}
			}
		}
		assertThat(names).contains("durable.enabled", "durable.worker.concurrency",
				"durable.activity.default-retry.max-attempts", "durable.jdbc.initialize-schema",
				"management.endpoint.workflows.show-values", "management.endpoint.workflows.roles");
		assertThat(undocumented).isEmpty();
	}

	@Test
	void everyDurablePropertyIsListedInTheConfigurationReference() throws Exception {
		String reference = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "configuration.md"));
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (isOurs(name)) {
				assertThat(reference).as("docs/configuration.md lists " + name).contains("`" + name + "`");
			}
		}
	}

}
