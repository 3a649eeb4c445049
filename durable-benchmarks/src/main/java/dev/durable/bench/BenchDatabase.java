package dev.durable.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark's own database, created with the engine's tables at the start and removed at the
 * end: a PostgreSQL schema, a MariaDB database, or an H2 file database in a fresh temporary
 * directory; and the
 * PostgreSQL server counters that the IO figures come from.
 */
final class BenchDatabase implements AutoCloseable {

	static final String APPLICATION_NAME = "durable-bench";

	private static final String H2_USER = "sa";

	private final BenchSettings settings;

	private final String schema;

	private final Connection admin;

	/** The H2 database's directory, or null on PostgreSQL. */
	private final @Nullable Path directory;

	private BenchDatabase(BenchSettings settings, String schema, Connection admin, @Nullable Path directory) {
		this.settings = settings;
		this.schema = schema;
		this.admin = admin;
		this.directory = directory;
	}

	static BenchDatabase create(BenchSettings settings) throws SQLException {
		if (settings.mariadb()) {
			return createMariaDb(settings);
		}
		return settings.h2File() ? createH2File(settings) : createPostgresql(settings);
	}

	/**
	 * A MariaDB (or MySQL) database of its own on the server at {@code bench.url}, with the
	 * engine's schema script for that platform.
	 */
	private static BenchDatabase createMariaDb(BenchSettings settings) throws SQLException {
		String name = "durable_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Connection admin;
		try {
			admin = DriverManager.getConnection(settings.serverUrl(), settings.user(), settings.password());
		}
		catch (SQLException ex) {
			throw new SQLException("Cannot connect to MariaDB at " + settings.serverUrl() + " as '" + settings.user()
					+ "' (" + ex.getMessage() + "). Start it, or point the benchmark elsewhere with "
					+ "-Dbench.url=jdbc:mariadb://host:3306/ -Dbench.user=... -Dbench.password=...", ex);
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("create database " + name + " character set utf8mb4 collate utf8mb4_bin");
			statement.execute("use " + name);
		}
		BenchDatabase database = new BenchDatabase(settings, name, admin, null);
		try {
			database.createTables("mariadb");
		}
		catch (SQLException | RuntimeException ex) {
			database.close();
			throw ex;
		}
		return database;
	}

	private static BenchDatabase createPostgresql(BenchSettings settings) throws SQLException {
		String schema = "durable_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Connection admin;
		try {
			admin = DriverManager.getConnection(settings.serverUrl(), settings.user(), settings.password());
		}
		catch (SQLException ex) {
			throw new SQLException("Cannot connect to PostgreSQL at " + settings.serverUrl() + " as '" + settings.user()
					+ "' (" + ex.getMessage() + "). Start it, or point the benchmark elsewhere with "
					+ "-Dbench.url=jdbc:postgresql://host:5432/db -Dbench.user=... -Dbench.password=...", ex);
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("create schema " + schema);
			statement.execute("set search_path to " + schema);
		}
		BenchDatabase database = new BenchDatabase(settings, schema, admin, null);
		database.createTables("postgresql");
		return database;
	}

	/**
	 * An H2 file database of its own in a new temporary directory. Its URL sets
	 * {@code WRITE_DELAY=0}: by default H2 writes commits to the file up to 500 ms later, so a
	 * {@code kill -9} would lose writes already acknowledged, and neither side would be durable.
	 */
	private static BenchDatabase createH2File(BenchSettings settings) throws SQLException {
		Path directory;
		try {
			directory = Files.createTempDirectory("durable-bench-h2-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a temporary directory for the H2 database", ex);
		}
		String url = "jdbc:h2:file:" + directory.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0";
		BenchDatabase database = new BenchDatabase(settings, url, DriverManager.getConnection(url, H2_USER, ""),
				directory);
		database.createTables("h2");
		return database;
	}

	/**
	 * Return where the benchmark writes: the PostgreSQL schema's name or the H2 file's URL.
	 * @return the schema or URL
	 */
	String schema() {
		return this.schema;
	}

	boolean h2File() {
		return this.directory != null;
	}

	String user() {
		return h2File() ? H2_USER : this.settings.user();
	}

	String password() {
		return h2File() ? "" : this.settings.password();
	}

	/**
	 * Return the JDBC URL that works in this schema, or the H2 file's.
	 * @return the URL
	 */
	String url() {
		if (h2File()) {
			return this.schema;
		}
		String server = this.settings.serverUrl();
		if (this.settings.mariadb()) {
			int query = server.indexOf('?');
			String base = (query >= 0) ? server.substring(0, query) : server;
			return base + (base.endsWith("/") ? "" : "/") + this.schema + ((query >= 0) ? server.substring(query) : "");
		}
		return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + this.schema + "&ApplicationName="
				+ APPLICATION_NAME;
	}

	/**
	 * Create a pool configured like the one Spring Boot gives Durable: HikariCP defaults plus the
	 * same maximum size.
	 * @return the pool
	 */
	HikariDataSource pool() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url());
		config.setUsername(user());
		config.setPassword(password());
		config.setMaximumPoolSize(this.settings.poolSize());
		config.setPoolName("floor");
		return new HikariDataSource(config);
	}

	private void createTables(String platform) throws SQLException {
		String script;
		try (InputStream in = BenchDatabase.class.getResourceAsStream("/dev/durable/store/schema-" + platform + ".sql")) {
			if (in == null) {
				throw new IllegalStateException("The engine's schema script is not on the class path");
			}
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		try (Statement statement = this.admin.createStatement()) {
			// Comment lines go first: some contain a semicolon, which would split a statement.
			String statements = script.lines()
				.filter((line) -> !line.strip().startsWith("--"))
				.collect(java.util.stream.Collectors.joining("\n"));
			for (String sql : statements.split(";")) {
				if (!sql.isBlank()) {
					statement.execute(sql);
				}
			}
		}
	}

	/**
	 * Checkpoint, so that each IO window starts with the same full-page-image debt on both sides.
	 * Runs on a connection of its own, closed at once, so that its counters are published before
	 * the window opens.
	 */
	void checkpoint() {
		try (Connection connection = freshConnection(); Statement statement = connection.createStatement()) {
			statement.execute("checkpoint");
		}
		catch (SQLException ex) {
			// Not permitted for this user: WAL figures then include whatever full-page images fall due.
		}
	}

	long count(String sql) throws SQLException {
		try (Statement statement = this.admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	Connection admin() {
		return this.admin;
	}

	/**
	 * Read this database's commit and row counters, the server's WAL position, and how many
	 * sessions of other applications are busy. PostgreSQL publishes a session's counters when it
	 * ends or after it has been idle for up to ten seconds; callers close their pool's idle
	 * connections first, and this read uses a connection of its own that it closes.
	 * @return the counters
	 */
	PgCounters counters() throws SQLException {
		try (Connection connection = freshConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select xact_commit, xact_rollback, tup_inserted, tup_updated, "
						+ "tup_deleted, pg_current_wal_lsn()::text, active_time, (select count(*) from pg_stat_activity a "
						+ "where a.datname = d.datname and a.state <> 'idle' and a.pid <> pg_backend_pid() "
						+ "and a.backend_type = 'client backend' and coalesce(a.application_name, '') <> '"
						+ APPLICATION_NAME + "') from pg_stat_database d where d.datname = current_database()")) {
			rows.next();
			return new PgCounters(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
					lsn(rows.getString(6)), Math.round(rows.getDouble(7) * 1000), rows.getLong(8), System.nanoTime());
		}
	}

	private Connection freshConnection() throws SQLException {
		return DriverManager.getConnection(this.settings.serverUrl(), this.settings.user(), this.settings.password());
	}

	String serverVersion() throws SQLException {
		if (h2File()) {
			return "H2 " + this.admin.getMetaData().getDatabaseProductVersion() + " (WRITE_DELAY="
					+ count("select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")
					+ ")";
		}
		if (this.settings.mariadb()) {
			try (Statement statement = this.admin.createStatement();
					ResultSet rows = statement.executeQuery("select version(), @@innodb_flush_log_at_trx_commit, "
							+ "@@sync_binlog, @@log_bin")) {
				rows.next();
				return "MariaDB/MySQL " + rows.getString(1) + " (innodb_flush_log_at_trx_commit=" + rows.getString(2)
						+ ", sync_binlog=" + rows.getString(3) + ", log_bin=" + rows.getString(4) + ")";
			}
		}
		try (Statement statement = this.admin.createStatement();
				ResultSet rows = statement.executeQuery("select current_setting('server_version'), "
						+ "current_setting('synchronous_commit'), current_setting('fsync'), current_setting('autovacuum')")) {
			rows.next();
			// Autovacuum matters at scale: without it the dead row versions of finished workflows
			// stay in the indexes that claims scan.
			return "PostgreSQL " + rows.getString(1) + " (synchronous_commit=" + rows.getString(2) + ", fsync="
					+ rows.getString(3) + ", autovacuum=" + rows.getString(4) + ")";
		}
	}

	private static long lsn(String text) {
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) + Long.parseLong(text.substring(slash + 1), 16);
	}

	@Override
	public void close() throws SQLException {
		if (h2File()) {
			closeH2File();
			return;
		}
		try (Statement statement = this.admin.createStatement()) {
			if (this.settings.keepSchema()) {
				System.out.println("Kept schema " + this.schema + " (bench.keep-schema=true)");
			}
			else if (this.settings.mariadb()) {
				statement.execute("drop database if exists " + this.schema);
			}
			else {
				statement.execute("set lock_timeout = '10s'");
				statement.execute("drop schema if exists " + this.schema + " cascade");
			}
		}
		finally {
			this.admin.close();
		}
	}

	/**
	 * Close the H2 database (it closes with its last connection; the pools are closed by now) and
	 * delete its directory.
	 */
	private void closeH2File() throws SQLException {
		this.admin.close();
		if (this.settings.keepSchema()) {
			System.out.println("Kept H2 database " + this.directory + " (bench.keep-schema=true)");
			return;
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot delete the benchmark's H2 database in " + this.directory, ex);
		}
	}

	/**
	 * Server counters at one moment.
	 * @param commits committed transactions of this database
	 * @param rollbacks rolled-back transactions of this database
	 * @param inserted rows inserted
	 * @param updated rows updated
	 * @param deleted rows deleted
	 * @param walBytes the server's WAL position in bytes
	 * @param activeMicros time this database's sessions spent running statements (commits included)
	 * @param otherBusySessions busy sessions of other applications on this database
	 * @param nanoTime when it was read
	 */
	record PgCounters(long commits, long rollbacks, long inserted, long updated, long deleted, long walBytes,
			long activeMicros, long otherBusySessions, long nanoTime) {

		PgCounters minus(PgCounters earlier) {
			return new PgCounters(this.commits - earlier.commits, this.rollbacks - earlier.rollbacks,
					this.inserted - earlier.inserted, this.updated - earlier.updated, this.deleted - earlier.deleted,
					this.walBytes - earlier.walBytes, this.activeMicros - earlier.activeMicros,
					this.otherBusySessions + earlier.otherBusySessions,
					this.nanoTime - earlier.nanoTime);
		}

	}

}
