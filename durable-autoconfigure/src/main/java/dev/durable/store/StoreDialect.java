package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * What differs between the databases the journal runs on: how to lock due workflows for a claim,
 * and whether only one process can use the database at a time.
 * @param selectDueForUpdate the native query selecting due workflow ids ({@code :now}, {@code :limit})
 * and locking them against other claimers
 * @param singleProcess whether the database is embedded in this one process
 * @param writableCommonTableExpressions whether an update and an insert can be one statement
 * ({@code with ... update ... returning ... insert}), as on PostgreSQL
 */
public record StoreDialect(String selectDueForUpdate, boolean singleProcess, boolean writableCommonTableExpressions) {

	private static final String SELECT_DUE = "select id from durable_workflow where due_at <= :now "
			+ "order by due_at limit :limit for update";

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
			return new StoreDialect(SELECT_DUE, !server, false);
		}
		if (driver == DatabaseDriver.HSQLDB) {
			return new StoreDialect(SELECT_DUE, !lowerUrl.startsWith("jdbc:hsqldb:hsql"), false);
		}
		// PostgreSQL and compatible databases: claimers skip rows another node is claiming.
		return new StoreDialect(SELECT_DUE + " skip locked", false, true);
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
