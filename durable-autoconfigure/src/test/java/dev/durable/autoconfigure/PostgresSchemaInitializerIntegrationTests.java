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

	@Test
	void aNodeStartingBesideARunningOneThatWritesTheJournalStarts() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		ExecutorService start = Executors.newSingleThreadExecutor();
		try {
			DataSource dataSource = new DriverManagerDataSource(database.url(), PostgresTestDatabase.USER,
					System.getProperty("durable.test.postgres.password", ""));
			DurableProperties.Jdbc settings = new DurableProperties.Jdbc();
			settings.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
			assertThat(new DurableSchemaInitializer(dataSource, settings).initializeDatabase()).isTrue();
			try (Connection running = dataSource.getConnection(); Statement write = running.createStatement()) {
				// A running node's write holds the event table, then reaches for the workflow table.
				running.setAutoCommit(false);
				write.execute("set statement_timeout = '20s'");
				write.execute("lock table durable_event in row exclusive mode");
				Future<Boolean> restarted = start.submit(() -> new DurableSchemaInitializer(dataSource, settings)
					.initializeDatabase());
				long deadline = System.nanoTime() + 20_000_000_000L;
				while (!waitsForEventTable(running)) {
					assertThat(System.nanoTime()).as("the starting node reached the event table").isLessThan(deadline);
					Thread.sleep(10);
				}
				write.execute("select count(*) from durable_workflow");
				running.commit();
				// A node whose script failed throws here, as its application would fail to start.
				assertThat(restarted.get()).as("the scripts ran").isTrue();
			}
		}
		finally {
			start.shutdownNow();
			database.drop();
		}
	}

	private static boolean waitsForEventTable(Connection connection) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet waiting = statement.executeQuery("select count(*) from pg_locks where not granted "
						+ "and relation = 'durable_event'::regclass")) {
			waiting.next();
			return waiting.getInt(1) > 0;
		}
	}

}
