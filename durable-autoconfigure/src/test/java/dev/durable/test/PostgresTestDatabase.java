package dev.durable.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away PostgreSQL schema for one test class. PostgreSQL tests are required unless
 * {@code -Ddurable.test.postgres=skip}: an unreachable server fails them instead of skipping.
 */
public final class PostgresTestDatabase {

	/** The server's JDBC URL, overridable with {@code -Ddurable.test.postgres.url}. */
	public static final String SERVER_URL = System.getProperty("durable.test.postgres.url",
			"jdbc:postgresql://127.0.0.1:5432/postgres");

	/** The user, overridable with {@code -Ddurable.test.postgres.user}. */
	public static final String USER = System.getProperty("durable.test.postgres.user", "postgres");

	private final String schema;

	private PostgresTestDatabase(String schema) {
		this.schema = schema;
	}

	/**
	 * Create a fresh schema, dropped when the JVM exits.
	 * @return the database
	 */
	public static PostgresTestDatabase create() {
		String schema = "durable_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("create schema " + schema);
		}
		catch (SQLException ex) {
			if ("skip".equals(System.getProperty("durable.test.postgres", "required").toLowerCase(Locale.ROOT))) {
				Assumptions.abort("PostgreSQL unreachable and -Ddurable.test.postgres=skip: " + ex.getMessage());
			}
			throw new IllegalStateException("PostgreSQL tests are required but the server at " + SERVER_URL
					+ " is unreachable (" + ex.getMessage() + "). Start it (pg_ctlcluster 15 main start) or run "
					+ "with -Ddurable.test.postgres=skip to leave these tests out", ex);
		}
		PostgresTestDatabase database = new PostgresTestDatabase(schema);
		Runtime.getRuntime().addShutdownHook(new Thread(database::drop));
		return database;
	}

	/**
	 * Point a Spring test context at a fresh schema: data source, our schema script, and the test
	 * application's own tables.
	 * @param registry the test's dynamic properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		create().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The command-line arguments that point application processes at a fresh schema, made on the
	 * first call, with our schema script and the test application's own tables created: every
	 * process of one test gets the same schema.
	 * @return the arguments, the same on every call
	 */
	public static Supplier<List<String>> processArgumentsOnFirstUse() {
		return new Supplier<>() {

			private @Nullable List<String> arguments;

			@Override
			public synchronized List<String> get() {
				if (this.arguments == null) {
					this.arguments = create().properties()
						.entrySet()
						.stream()
						.map((property) -> "--" + property.getKey() + "=" + property.getValue())
						.toList();
				}
				return this.arguments;
			}

		};
	}

	// What points an application at this schema, for a test context and for a process alike.
	private Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url());
		properties.put("spring.datasource.username", USER);
		properties.put("spring.jpa.hibernate.ddl-auto", "create");
		properties.put("durable.jdbc.initialize-schema", "always");
		return properties;
	}

	/**
	 * Return the JDBC URL that uses this schema.
	 * @return the URL
	 */
	public String url() {
		return SERVER_URL + (SERVER_URL.contains("?") ? "&" : "?") + "currentSchema=" + this.schema;
	}

	/**
	 * Return the schema name.
	 * @return the schema
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Drop the schema and everything in it.
	 */
	public void drop() {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("set lock_timeout = '10s'");
			statement.execute("drop schema if exists " + this.schema + " cascade");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test schema " + this.schema + ": " + ex.getMessage());
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(SERVER_URL, USER, System.getProperty("durable.test.postgres.password", ""));
	}

}
