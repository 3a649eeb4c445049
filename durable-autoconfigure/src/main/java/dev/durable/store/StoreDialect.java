package dev.durable.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What differs between the databases the journal runs on, read once from the application's
 * DataSource.
 * @param platform the database's platform
 * @param url the JDBC URL the driver reports
 * @param singleProcess whether the database is embedded in this one process
 * @param inMemory whether the database lives in memory only, so that the journal is lost when
 * the process ends
 */
public record StoreDialect(DatabasePlatform platform, String url, boolean singleProcess, boolean inMemory) {

	/**
	 * Work out the dialect of a data source from its driver's metadata.
	 * @param dataSource the application's data source
	 * @return the dialect
	 * @throws dev.durable.engine.DurableConfigurationException if the journal does not run on the
	 * database
	 */
	public static StoreDialect detect(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String url = (metaData.getURL() != null) ? metaData.getURL() : "";
			return of(DatabasePlatform.fromProductName(metaData.getDatabaseProductName(), url), url);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the database product and JDBC URL of the application's "
					+ "DataSource to set up the Durable journal: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Work out the dialect of a database of a known platform from its JDBC URL.
	 * @param platform the platform
	 * @param url the JDBC URL
	 * @return the dialect
	 */
	public static StoreDialect of(DatabasePlatform platform, String url) {
		if (platform != DatabasePlatform.H2) {
			return new StoreDialect(platform, url, false, false);
		}
		String lowerUrl = url.toLowerCase(Locale.ROOT);
		String location = lowerUrl.startsWith("jdbc:h2:") ? lowerUrl.substring("jdbc:h2:".length()) : lowerUrl;
		boolean remote = location.startsWith("tcp://") || location.startsWith("ssl://");
		boolean server = remote || lowerUrl.contains(";auto_server=true");
		return new StoreDialect(platform, url, !server, databaseName(location, remote).startsWith("mem:"));
	}

	/**
	 * Return whether PostgreSQL's statements are available.
	 * @return whether this is PostgreSQL
	 */
	public boolean postgresql() {
		return this.platform == DatabasePlatform.POSTGRESQL;
	}

	/**
	 * Return the part of an H2 location that names the database, after any server:
	 * {@code tcp://host:9092/mem:db} names {@code mem:db}.
	 */
	private static String databaseName(String location, boolean remote) {
		if (!remote) {
			return location;
		}
		int path = location.indexOf('/', "tcp://".length());
		return (path >= 0) ? location.substring(path + 1) : "";
	}

}
