package dev.durable.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import dev.durable.store.DatabasePlatform;
import dev.durable.store.StoreDialect;

import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.UncategorizedScriptException;
import org.springframework.util.StringUtils;

/**
 * Creates the journal's tables from {@code dev/durable/store/schema-<platform>.sql} according to
 * {@code durable.jdbc.initialize-schema}. The scripts are safe to run on every start, and on
 * PostgreSQL, MariaDB and MySQL safe to run from several nodes starting at once.
 */
public class DurableSchemaInitializer extends DataSourceScriptDatabaseInitializer {

	static final String SCHEMA_LOCATION = "classpath:dev/durable/store/schema-@@platform@@.sql";

	/** The advisory lock that serializes schema scripts of nodes starting together ("durable" in ASCII). */
	private static final long SCHEMA_LOCK = 0x64757261626c65L;

	private final boolean singleProcess;

	/** The named lock that does the same on MariaDB and MySQL, whose DDL commits as it goes. */
	private static final String MARIADB_SCHEMA_LOCK = "durable_schema";

	private static final int MARIADB_LOCK_SECONDS = 60;

	private final DatabasePlatform platform;

	/**
	 * Create the initializer, reading the database's dialect from the data source.
	 * @param dataSource the application's data source
	 * @param properties the journal's schema settings
	 */
	public DurableSchemaInitializer(DataSource dataSource, DurableProperties.Jdbc properties) {
		this(dataSource, properties, StoreDialect.detect(dataSource));
	}

	/**
	 * Create the initializer.
	 * @param dataSource the application's data source
	 * @param properties the journal's schema settings
	 * @param dialect the database's dialect, detected once for the initializer and the store
	 */
	public DurableSchemaInitializer(DataSource dataSource, DurableProperties.Jdbc properties, StoreDialect dialect) {
		super(dataSource, settings(dialect, properties));
		this.singleProcess = dialect.singleProcess();
		this.platform = dialect.platform();
	}

	/**
	 * On PostgreSQL, run the scripts under an advisory lock held by the session: two nodes running
	 * {@code CREATE ... IF NOT EXISTS} at the same moment can both miss the other's table or index
	 * and one of them then fails to start on a duplicate catalog key. Each statement commits on its
	 * own: every {@code ALTER TABLE}, even one with nothing to add, locks its table exclusively, and
	 * a transaction holding one journal table's lock while waiting for the other's deadlocked with
	 * the running nodes' writes, which lock the event table and then the workflow row it refers to
	 * (a node restarting beside running ones failed to start).
	 */
	@Override
	protected void runScripts(Scripts scripts) {
		if (this.platform == DatabasePlatform.MARIADB) {
			runUnderNamedLock(populator(scripts));
			return;
		}
		if (this.platform != DatabasePlatform.POSTGRESQL) {
			super.runScripts(scripts);
			return;
		}
		ResourceDatabasePopulator populator = populator(scripts);
		try (Connection connection = getDataSource().getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			try (Statement lock = connection.createStatement()) {
				lock.execute("select pg_advisory_lock(" + SCHEMA_LOCK + ")");
				// Released here, so that nothing lingers on the pooled connection.
				populateThenRelease(populator, connection,
						() -> lock.execute("select pg_advisory_unlock(" + SCHEMA_LOCK + ")"));
			}
			finally {
				// A connection the server ended cannot be set back: the error that ended it is the news.
				if (!connection.isClosed()) {
					connection.setAutoCommit(autoCommit);
				}
			}
		}
		catch (SQLException ex) {
			throw new UncategorizedScriptException("Could not create Durable's tables on PostgreSQL", ex);
		}
	}

	/**
	 * On MariaDB and MySQL, run the scripts under a named lock held by the session: DDL there
	 * commits implicitly, so a transaction cannot hold them together, but a node that waits for the
	 * lock then finds the tables made and its {@code IF NOT EXISTS} skips them.
	 */
	private void runUnderNamedLock(ResourceDatabasePopulator populator) {
		try (Connection connection = getDataSource().getConnection()) {
			try (Statement lock = connection.createStatement();
					ResultSet got = lock.executeQuery(
							"select get_lock('" + MARIADB_SCHEMA_LOCK + "', " + MARIADB_LOCK_SECONDS + ")")) {
				if (!got.next() || got.getInt(1) != 1) {
					throw new UncategorizedScriptException("Could not create Durable's tables: another node held the "
							+ "schema lock '" + MARIADB_SCHEMA_LOCK + "' for " + MARIADB_LOCK_SECONDS + " s");
				}
			}
			populateThenRelease(populator, connection, () -> {
				try (Statement release = connection.createStatement()) {
					release.execute("do release_lock('" + MARIADB_SCHEMA_LOCK + "')");
				}
			});
		}
		catch (SQLException ex) {
			throw new UncategorizedScriptException("Could not create Durable's tables on MariaDB/MySQL", ex);
		}
	}

	/**
	 * Run the scripts, then release the schema lock. If the scripts failed, a release that fails
	 * too (the server ended the connection, say) is attached to their error instead of hiding it:
	 * the script's statement and cause are what tell the user what to fix.
	 */
	private static void populateThenRelease(ResourceDatabasePopulator populator, Connection connection,
			LockRelease release) throws SQLException {
		try {
			populator.populate(connection);
		}
		catch (RuntimeException ex) {
			try {
				release.run();
			}
			catch (SQLException | RuntimeException releaseFailure) {
				ex.addSuppressed(releaseFailure);
			}
			throw ex;
		}
		release.run();
	}

	/** Releases a schema lock on the connection that holds it. */
	@FunctionalInterface
	private interface LockRelease {

		void run() throws SQLException;

	}

	private ResourceDatabasePopulator populator(Scripts scripts) {
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
		populator.setContinueOnError(scripts.isContinueOnError());
		populator.setSeparator(scripts.getSeparator());
		if (scripts.getEncoding() != null) {
			populator.setSqlScriptEncoding(scripts.getEncoding().name());
		}
		scripts.forEach(populator::addScript);
		customize(populator);
		return populator;
	}

	/**
	 * Treat file-based H2 as embedded too: they belong to this one process, and the
	 * sample application's durable journal lives in such a file.
	 */
	@Override
	protected boolean isEmbeddedDatabase() {
		return this.singleProcess || super.isEmbeddedDatabase();
	}

	private static DatabaseInitializationSettings settings(StoreDialect dialect, DurableProperties.Jdbc properties) {
		String platform = StringUtils.hasText(properties.getPlatform()) ? properties.getPlatform()
				: dialect.platform().id();
		List<String> locations = new PlatformPlaceholderDatabaseDriverResolver().resolveAll(platform, SCHEMA_LOCATION);
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(locations);
		settings.setMode(properties.getInitializeSchema());
		return settings;
	}

}
