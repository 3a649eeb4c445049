package dev.durable;

import java.nio.file.Path;
import java.util.List;

import dev.durable.test.MariaDbTestDatabase;

/**
 * The acknowledged-work crash test on MariaDB.
 */
class MariaDbAcknowledgedWorkCrashIntegrationTests extends AbstractAcknowledgedWorkCrashIntegrationTests {

	private MariaDbTestDatabase database;

	@Override
	List<String> databaseArguments(Path workDir) {
		if (this.database == null) {
			this.database = MariaDbTestDatabase.create();
		}
		return List.of("--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + MariaDbTestDatabase.USER,
				"--spring.datasource.password=" + MariaDbTestDatabase.PASSWORD, "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=create");
	}

}
