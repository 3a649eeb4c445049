package dev.durable.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.durable.engine.DurableConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Makes every commit on an H2 database that is kept on disk reach its file before the commit
 * returns. By default H2 writes commits to the file up to half a second later
 * ({@code WRITE_DELAY}), so a process killed in that time loses workflows whose start had
 * returned and steps that the workflow had already gone past.
 *
 * <p>H2 applies its default again whenever it opens the database, and it closes the database
 * when its last connection closes (a pool that shrinks to nothing, or no pool at all). So the
 * setting is made on every start, and one connection stays open while the application runs,
 * keeping the database, and the setting, open with it.
 */
public final class H2CommitDurability implements AutoCloseable {

	private static final H2CommitDurability NOT_NEEDED = new H2CommitDurability(null);

	private final @Nullable Connection keeper;

	private H2CommitDurability(@Nullable Connection keeper) {
		this.keeper = keeper;
	}

	/**
	 * Set {@code WRITE_DELAY} to 0 on the database, if it is an H2 database that is not in memory,
	 * and check that it took effect. H2 keeps the setting in the database but applies its default
	 * again when the database opens, so this runs on every start.
	 * @param dataSource the application's data source
	 * @param dialect the database's dialect
	 * @return what holds the database open until {@link #close()}: a connection on an H2 database
	 * kept on disk, nothing on any other
	 * @throws DurableConfigurationException if commits cannot be made durable, for example because
	 * the user has no admin rights and the URL does not set {@code WRITE_DELAY=0} either
	 */
	public static H2CommitDurability apply(DataSource dataSource, StoreDialect dialect) {
		if (dialect.platform() != DatabasePlatform.H2 || dialect.inMemory()) {
			return NOT_NEEDED;
		}
		Connection keeper = null;
		try {
			keeper = dataSource.getConnection();
			makeDurable(keeper, dialect);
			return new H2CommitDurability(keeper);
		}
		catch (SQLException ex) {
			throw notDurable(dialect.url(), "its WRITE_DELAY cannot be read: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			closeQuietly(keeper);
			throw ex;
		}
	}

	/**
	 * Let H2 close the database again once the application's other connections are closed.
	 */
	@Override
	public void close() {
		closeQuietly(this.keeper);
	}

	private static void makeDurable(Connection connection, StoreDialect dialect) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			SQLException refused = null;
			try {
				statement.execute("SET WRITE_DELAY 0");
			}
			catch (SQLException ex) {
				// Fine if the URL set it already; the check below tells.
				refused = ex;
			}
			String delay = writeDelay(statement);
			if (!"0".equals(delay)) {
				throw notDurable(dialect.url(), "its WRITE_DELAY is " + delay + " ms"
						+ ((refused != null) ? " and 'SET WRITE_DELAY 0' failed: " + refused.getMessage() : ""));
			}
		}
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// Closing at shutdown: nothing is left to protect.
		}
	}

	/**
	 * Return the write delay, or the first that is not 0 when H2 reports both the stored setting
	 * and the one in effect.
	 */
	private static String writeDelay(Statement statement) throws SQLException {
		String delay = "unknown";
		try (ResultSet settings = statement.executeQuery(
				"select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
			while (settings.next()) {
				delay = settings.getString(1);
				if (!"0".equals(delay)) {
					return delay;
				}
			}
		}
		return delay;
	}

	private static DurableConfigurationException notDurable(String url, String cause) {
		return new DurableConfigurationException("The Durable journal on the H2 database " + url
				+ " would lose commits to a crash: " + cause + ", so H2 writes commits to the file later "
				+ "and a killed process loses workflows that were already acknowledged",
				"Add ;WRITE_DELAY=0 to spring.datasource.url, or connect as a user with H2 admin rights "
						+ "so that Durable can set it at start-up.");
	}

}
