package dev.durable.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away MariaDB database for one test class. MariaDB tests are required unless
 * {@code -Ddurable.test.mariadb=skip}: an unreachable server fails them instead of skipping.
 */
public final class MariaDbTestDatabase {

	/** The server's address, overridable with {@code -Ddurable.test.mariadb.url}. */
	public static final String SERVER_URL = System.getProperty("durable.test.mariadb.url",
			"jdbc:mariadb://127.0.0.1:3306/");

	/** The user, overridable with {@code -Ddurable.test.mariadb.user}. */
	public static final String USER = System.getProperty("durable.test.mariadb.user", "root");

	/** The password, overridable with {@code -Ddurable.test.mariadb.password}. */
	public static final String PASSWORD = System.getProperty("durable.test.mariadb.password", "");

	private final String name;

	private MariaDbTestDatabase(String name) {
		this.name = name;
	}

	/**
	 * Create a fresh database, dropped when the JVM exits.
	 * @return the database
	 */
	public static MariaDbTestDatabase create() {
		String name = "durable_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("create database " + name + " character set utf8mb4 collate utf8mb4_bin");
		}
		catch (SQLException ex) {
			if ("skip".equals(System.getProperty("durable.test.mariadb", "required").toLowerCase(Locale.ROOT))) {
				Assumptions.abort("MariaDB unreachable and -Ddurable.test.mariadb=skip: " + ex.getMessage());
			}
			throw new IllegalStateException("MariaDB tests are required but the server at " + SERVER_URL
					+ " is unreachable (" + ex.getMessage() + "). Start it (start-stop-daemon --start --oknodo "
					+ "--background --exec /usr/sbin/mariadbd) or run with -Ddurable.test.mariadb=skip to leave "
					+ "these tests out", ex);
		}
		MariaDbTestDatabase database = new MariaDbTestDatabase(name);
		Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
		return database;
	}

	/**
	 * Point a Spring test context at a fresh database: data source, our schema script, and the test
	 * application's own tables.
	 * @param registry the test's dynamic properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		MariaDbTestDatabase database = create();
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "create");
		registry.add("durable.jdbc.initialize-schema", () -> "always");
	}

	/**
	 * Return the JDBC URL of this database.
	 * @return the URL
	 */
	public String url() {
		int query = SERVER_URL.indexOf('?');
		String server = (query >= 0) ? SERVER_URL.substring(0, query) : SERVER_URL;
		String options = (query >= 0) ? SERVER_URL.substring(query) : "";
		return server + (server.endsWith("/") ? "" : "/") + this.name + options;
	}

	/**
	 * Return the database name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Drop the database and everything in it.
	 */
	public void drop() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("set session lock_wait_timeout = 10");
			statement.execute("drop database if exists " + this.name);
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + this.name + ": " + ex.getMessage());
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
	}

}
