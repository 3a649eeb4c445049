package dev.durable.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema scripts on PostgreSQL when several nodes of one application start at the same moment,
 * as the replicas of a deployment do.
 */
class PostgresSchemaInitializerIntegrationTests {

	@Test
	void nodesStartingTogetherAllCreateTheSchemaWithoutFailing() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		try {
			DataSource dataSource = new DriverManagerDataSource(database.url(), PostgresTestDatabase.USER,
					System.getProperty("durable.test.postgres.password", ""));
			DurableProperties.Jdbc settings = new DurableProperties.Jdbc();
			settings.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
			int nodes = 6;
			CyclicBarrier together = new CyclicBarrier(nodes);
			ExecutorService starts = Executors.newFixedThreadPool(nodes);
			try {
				List<Future<Boolean>> initialized = new ArrayList<>();
				for (int i = 0; i < nodes; i++) {
					initialized.add(starts.submit(() -> {
						DurableSchemaInitializer initializer = new DurableSchemaInitializer(dataSource, settings);
						together.await();
						return initializer.initializeDatabase();
					}));
				}
				for (Future<Boolean> node : initialized) {
					// A node whose script failed throws here, as its application would fail to start.
					assertThat(node.get()).as("the scripts ran").isTrue();
				}
			}
			finally {
				starts.shutdownNow();
			}
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
					ResultSet tables = statement.executeQuery("select count(*) from information_schema.tables "
							+ "where table_schema = '" + database.schema() + "' and table_name like 'durable_%'")) {
				tables.next();
				assertThat(tables.getInt(1)).as("Durable's tables").isEqualTo(6);
			}
		}
		finally {
			database.drop();
		}
	}

}
