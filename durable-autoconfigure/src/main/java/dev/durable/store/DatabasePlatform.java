package dev.durable.store;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.durable.engine.DurableConfigurationException;

/**
 * The databases the journal runs on, told apart by the product name the JDBC driver reports.
 * A new platform is a constant here, a {@code schema-<id>.sql} script and its statements.
 */
public enum DatabasePlatform {

	/** H2 2.x, embedded (a file or memory) or a server. */
	H2("H2", "h2"),

	/**
	 * PostgreSQL: {@code skip locked} for claimers, {@code update ... returning}, and writable common
	 * table expressions that make an update and an insert one statement.
	 */
	POSTGRESQL("PostgreSQL", "postgresql");

	private final String productName;

	private final String id;

	DatabasePlatform(String productName, String id) {
		this.productName = productName;
		this.id = id;
	}

	/**
	 * Return the name of the platform in the schema scripts' names ({@code schema-<id>.sql}) and in
	 * {@code durable.jdbc.platform}.
	 * @return the id, such as {@code h2}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the product name the JDBC driver reports for this database.
	 * @return the product name, such as {@code PostgreSQL}
	 */
	public String productName() {
		return this.productName;
	}

	/**
	 * Find the platform of a database from what its JDBC driver reports.
	 * @param productName the database product name of the driver's metadata
	 * @param url the JDBC URL, for the message if the database is not supported
	 * @return the platform
	 * @throws DurableConfigurationException if the journal does not run on that database
	 */
	public static DatabasePlatform fromProductName(String productName, String url) {
		for (DatabasePlatform platform : values()) {
			if (platform.productName.equalsIgnoreCase(productName.trim())) {
				return platform;
			}
		}
		String supported = Arrays.stream(values()).map(DatabasePlatform::productName).collect(Collectors.joining(", "));
		throw new DurableConfigurationException(
				"The Durable journal cannot run on the application's database " + productName + " (" + url
						+ "): Durable's SQL is written for these databases only: " + supported,
				"Point spring.datasource.url at one of them (" + supported
						+ "), or set durable.enabled=false to run without Durable.");
	}

}
