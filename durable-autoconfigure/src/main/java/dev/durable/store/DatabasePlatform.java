package dev.durable.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.durable.engine.DurableConfigurationException;

import org.springframework.transaction.TransactionDefinition;

/**
 * The databases the journal runs on, told apart by the product name the JDBC driver reports.
 * Each constant carries what differs between them outside the statements' text: the names its
 * drivers report, how instants are bound, how claimers lock due rows and at which isolation they
 * claim. The statements that differ in shape ({@link ClaimStatements}, {@link JournalStatements})
 * choose theirs by the constant. A new platform is a constant here, a {@code schema-<id>.sql}
 * script and its statements.
 */
public enum DatabasePlatform {

	/** H2 2.x, embedded (a file or memory) or a server. */
	H2("h2", SqlValues.OFFSET_DATE_TIME, " for update", TransactionDefinition.ISOLATION_DEFAULT, "H2"),

	/**
	 * PostgreSQL: {@code skip locked} for claimers, {@code update ... returning}, and writable common
	 * table expressions that make an update and an insert one statement.
	 */
	POSTGRESQL("postgresql", SqlValues.OFFSET_DATE_TIME, " for update skip locked",
			TransactionDefinition.ISOLATION_DEFAULT, "PostgreSQL"),

	/**
	 * MariaDB 10.6+ and MySQL 8.0+ (InnoDB): no {@code update ... returning}, so a claim is a
	 * locking select that skips rows other claimers hold, then an update, in one read-committed
	 * transaction (no gap locks between claimers); a group commit locks the rows it fences, then
	 * inserts ({@link MariaDbJournalBatch}). Instants are stored as UTC in {@code DATETIME(6)}.
	 */
	MARIADB("mariadb", SqlValues.UTC_DATE_TIME, " for update skip locked",
			TransactionDefinition.ISOLATION_READ_COMMITTED, "MariaDB", "MySQL");

	private final String id;

	private final SqlValues sqlValues;

	private final String claimLock;

	private final int claimIsolation;

	private final List<String> productNames;

	DatabasePlatform(String id, SqlValues sqlValues, String claimLock, int claimIsolation, String... productNames) {
		this.id = id;
		this.sqlValues = sqlValues;
		this.claimLock = claimLock;
		this.claimIsolation = claimIsolation;
		this.productNames = List.of(productNames);
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
	 * Return the product name the JDBC driver reports for this database, the first if several
	 * drivers report different ones.
	 * @return the product name, such as {@code PostgreSQL}
	 */
	public String productName() {
		return this.productNames.get(0);
	}

	/** How instants and text are bound and read on this database. */
	SqlValues sqlValues() {
		return this.sqlValues;
	}

	/** The locking clause that ends a claimer's select of due rows. */
	String claimLock() {
		return this.claimLock;
	}

	/** The isolation of a claim's transaction, as a {@link TransactionDefinition} constant. */
	int claimIsolation() {
		return this.claimIsolation;
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
			for (String name : platform.productNames) {
				if (name.equalsIgnoreCase(productName.trim())) {
					return platform;
				}
			}
		}
		String supported = Arrays.stream(values())
			.flatMap((platform) -> platform.productNames.stream())
			.collect(Collectors.joining(", "));
		throw new DurableConfigurationException(
				"The Durable journal cannot run on the application's database " + productName + " (" + url
						+ "): Durable's SQL is written for these databases only: " + supported,
				"Point spring.datasource.url at one of them (" + supported
						+ "), or set durable.enabled=false to run without Durable.");
	}

}
