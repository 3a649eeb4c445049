package dev.durable.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema scripts on PostgreSQL when several nodes of one application start at the same moment,
 * as the replicas of a deployment do.
 */
class PostgresSchemaInitializerIntegrationTests {

	@Test
	void nodesStartingTogetherAllCreateTheSchemaWithoutFailing() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		try {
			DataSource dataSource = dataSource(database);
			DurableProperties.Jdbc settings = alwaysInitialize();
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
		restartWhileHeld("durable_event", (running) -> {
			// A running node's write holds the event table, then reaches for the workflow table.
			running.execute("set statement_timeout = '20s'");
			running.execute("lock table durable_event in row exclusive mode");
		}, (running, waiting, restarted) -> {
			running.execute("select count(*) from durable_workflow");
			running.getConnection().commit();
			// A node whose script failed throws here, as its application would fail to start.
			assertThat(restarted.get()).as("the scripts ran").isTrue();
		});
	}

	@Test
	void aScriptThatFailsBecauseItsConnectionWasEndedReportsWhyNotTheLockItCouldNotRelease() throws Exception {
		restartWhileHeld("durable_workflow",
				(holder) -> holder.execute("lock table durable_workflow in access exclusive mode"),
				(holder, waiting, restarted) -> {
					holder.execute("select pg_terminate_backend(" + waiting + ")");
					holder.getConnection().rollback();
					assertThatThrownBy(() -> restarted.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
						.cause()
						.as("the script's statement and the server's reason, not only the failed release of the lock")
						.isInstanceOf(ScriptStatementFailedException.class)
						.hasMessageContaining("durable_workflow")
						.hasStackTraceContaining("terminating connection due to administrator command");
				});
	}

	/**
	 * On a database whose schema is made, open a transaction that {@code hold} fills (as a
	 * running node's would), start a node's schema scripts beside it, wait until they wait for a
	 * lock on {@code table}, and hand over to {@code then}.
	 */
	private static void restartWhileHeld(String table, Hold hold, AfterRestart then) throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		ExecutorService start = Executors.newSingleThreadExecutor();
		try {
			DataSource dataSource = dataSource(database);
			DurableProperties.Jdbc settings = alwaysInitialize();
			assertThat(new DurableSchemaInitializer(dataSource, settings).initializeDatabase()).isTrue();
			try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
				holder.setAutoCommit(false);
				hold.hold(statement);
				Future<Boolean> restarted = start.submit(() -> new DurableSchemaInitializer(dataSource, settings)
					.initializeDatabase());
				then.check(statement, awaitWaiter(holder, table), restarted);
			}
		}
		finally {
			start.shutdownNow();
			database.drop();
		}
	}

	/** What the open transaction does before the node restarts. */
	@FunctionalInterface
	private interface Hold {

		void hold(Statement statement) throws Exception;

	}

	/** What the test does once the restarted node's script waits. */
	@FunctionalInterface
	private interface AfterRestart {

		void check(Statement holder, int waitingPid, Future<Boolean> restarted) throws Exception;

	}

	private static DataSource dataSource(PostgresTestDatabase database) {
		return new DriverManagerDataSource(database.url(), PostgresTestDatabase.USER,
				System.getProperty("durable.test.postgres.password", ""));
	}

	private static DurableProperties.Jdbc alwaysInitialize() {
		DurableProperties.Jdbc settings = new DurableProperties.Jdbc();
		settings.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		return settings;
	}

	/** Wait until a session waits for a lock on the table (the starting node's script), and return its process id. */
	private static int awaitWaiter(Connection connection, String table) throws Exception {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (true) {
			try (Statement statement = connection.createStatement();
					ResultSet waiting = statement.executeQuery("select pid from pg_locks where not granted "
							+ "and relation = '" + table + "'::regclass limit 1")) {
				if (waiting.next()) {
					return waiting.getInt(1);
				}
			}
			assertThat(System.nanoTime()).as("the starting node's script reached %s", table).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
