package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What differs between the databases the journal runs on.
 * @param singleProcess whether the database is embedded in this one process
 * @param postgresql whether PostgreSQL's statements are available: {@code skip locked} for
 * claimers, {@code update ... returning}, and writable common table expressions that make an
 * update and an insert one statement
 */
public record StoreDialect(boolean singleProcess, boolean postgresql) {

	/**
	 * Work out the dialect of a data source from its JDBC URL.
	 * @param dataSource the application's data source
	 * @return the dialect
	 */
	public static StoreDialect detect(DataSource dataSource) {
		String url = jdbcUrl(dataSource);
		DatabaseDriver driver = DatabaseDriver.fromJdbcUrl(url);
		String lowerUrl = url.toLowerCase(Locale.ROOT);
		if (driver == DatabaseDriver.H2) {
			boolean server = lowerUrl.startsWith("jdbc:h2:tcp:") || lowerUrl.startsWith("jdbc:h2:ssl:")
					|| lowerUrl.contains("auto_server=true");
			return new StoreDialect(!server, false);
		}
		if (driver == DatabaseDriver.HSQLDB) {
			return new StoreDialect(!lowerUrl.startsWith("jdbc:hsqldb:hsql"), false);
		}
		return new StoreDialect(false, true);
	}

	private static String jdbcUrl(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			return (url != null) ? url : "";
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the JDBC URL of the application's DataSource to set up "
					+ "the Durable journal: " + ex.getMessage(), ex);
		}
	}


}
