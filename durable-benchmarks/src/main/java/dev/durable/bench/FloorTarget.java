package dev.durable.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The floor: hand-written JDBC on a HikariCP pool like Durable's, writing exactly the rows the
 * engine writes and nothing else. A start is the workflow row and its {@code WORKFLOW_STARTED}
 * event in one transaction; each activity is one event insert in its own transaction (the engine
 * writes that row and no other per step; its check of the claim rides in the same insert, and is
 * engine overhead here); the end is the final update and one event in one transaction.
 * Each transaction borrows a connection from the pool, as the engine does.
 *
 * <p>On H2 and MariaDB each step is instead one auto-committed insert, the cheapest durable write
 * they have: no transaction to open and no separate commit call (on MariaDB, switching a pooled
 * connection's auto-commit off and back is a round trip each). Start and end keep their transaction, since
 * each writes two rows that must be made together.
 */
final class FloorTarget implements Target {

	private static final String TYPE = "BenchWorkflows.steps";

	private static final String ACTIVITY = "BenchActivities.step";

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final String INSERT_WORKFLOW = "insert into durable_workflow (id, type, status, input, result, "
			+ "error_type, error, owner, run_token, due_at, created_at, updated_at) "
			+ "values (?, ?, 'RUNNING', ?, null, null, null, ?, ?, ?, ?, ?)";

	private static final String INSERT_EVENT = "insert into durable_event (workflow_id, seq, step, kind, name, attempt, "
			+ "input, output, error_type, error, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?)";

	private static final String FINISH = "update durable_workflow set status = 'COMPLETED', result = ?, "
			+ "error_type = null, error = null, owner = null, run_token = null, due_at = null, updated_at = ? "
			+ "where id = ? and run_token = ?";

	private final HikariDataSource pool;

	private final boolean autoCommitSteps;

	/**
	 * Create the floor.
	 * @param pool the floor's own pool
	 * @param autoCommitSteps whether each step is one auto-committed insert instead of a
	 * transaction of its own
	 */
	FloorTarget(HikariDataSource pool, boolean autoCommitSteps) {
		this.pool = pool;
		this.autoCommitSteps = autoCommitSteps;
	}

	@Override
	public String name() {
		return "floor (raw JDBC)";
	}

	@Override
	public void runWorkflow(String key, int steps) throws SQLException {
		runAndReturnId(key, steps);
	}

	private String runAndReturnId(String key, int steps) throws SQLException {
		String id = UUID.randomUUID().toString();
		String token = UUID.randomUUID().toString();
		String input = "[\"" + key + "\"," + steps + "]";
		Instant now = Instant.now();
		try (Connection connection = begin()) {
			try (PreparedStatement insert = connection.prepareStatement(INSERT_WORKFLOW)) {
				insert.setString(1, id);
				insert.setString(2, TYPE);
				insert.setString(3, input);
				insert.setString(4, "bench-node");
				insert.setString(5, token);
				insert.setTimestamp(6, Timestamp.from(now.plus(LEASE)));
				insert.setTimestamp(7, Timestamp.from(now));
				insert.setTimestamp(8, Timestamp.from(now));
				insert.executeUpdate();
			}
			insertEvent(connection, id, 1, 0, "WORKFLOW_STARTED", TYPE, 0, input, null, now);
			connection.commit();
		}
		for (int step = 1; step <= steps; step++) {
			String output = "\"ok-" + step + "\"";
			Instant at = Instant.now();
			try (Connection connection = this.autoCommitSteps ? autoCommit() : begin()) {
				insertEvent(connection, id, step + 1, step, "ACTIVITY_COMPLETED", ACTIVITY, 1,
						"[\"" + key + "\"," + step + "]", output, at);
				if (!this.autoCommitSteps) {
					connection.commit();
				}
			}
		}
		String result = "\"done-" + key + "\"";
		Instant end = Instant.now();
		try (Connection connection = begin()) {
			fence(connection, FINISH, id, token, (statement) -> {
				statement.setString(1, result);
				statement.setTimestamp(2, Timestamp.from(end));
				statement.setString(3, id);
				statement.setString(4, token);
			});
			insertEvent(connection, id, steps + 2, 0, "WORKFLOW_COMPLETED", TYPE, 0, null, result, end);
			connection.commit();
		}
		return id;
	}

	/**
	 * W3's floor: what any replay must at least do, load the workflow row and its whole journal,
	 * here over plain JDBC into plain objects.
	 */
	@Override
	public ReplayResult replay(int steps, int repetitions, int warmups) throws SQLException {
		String id = runAndReturnId("replay", steps);
		Samples load = new Samples();
		long events = 0;
		for (int i = -warmups; i < repetitions; i++) {
			long started = System.nanoTime();
			events = load(id).size();
			if (i >= 0) {
				load.add(System.nanoTime() - started);
			}
		}
		return new ReplayResult(load, "load workflow row + journal (JDBC)", null, null, events);
	}

	private List<Object[]> load(String id) throws SQLException {
		List<Object[]> events = new ArrayList<>();
		try (Connection connection = begin()) {
			connection.setReadOnly(true);
			try (PreparedStatement workflow = connection.prepareStatement("select * from durable_workflow where id = ?")) {
				workflow.setString(1, id);
				try (ResultSet row = workflow.executeQuery()) {
					row.next();
				}
			}
			try (PreparedStatement journal = connection
				.prepareStatement("select * from durable_event where workflow_id = ? order by seq")) {
				journal.setString(1, id);
				try (ResultSet rows = journal.executeQuery()) {
					while (rows.next()) {
						events.add(new Object[] { rows.getLong("seq"), rows.getInt("step"), rows.getString("kind"),
								rows.getString("name"), rows.getInt("attempt"), rows.getString("input"),
								rows.getString("output"), rows.getString("error_type"), rows.getString("error"),
								rows.getTimestamp("recorded_at").toInstant() });
					}
				}
			}
			connection.commit();
			connection.setReadOnly(false);
		}
		return events;
	}

	private Connection autoCommit() throws SQLException {
		Connection connection = this.pool.getConnection();
		// HikariCP hands out auto-commit connections; a transaction before may have left it off.
		if (!connection.getAutoCommit()) {
			connection.setAutoCommit(true);
		}
		return connection;
	}

	private Connection begin() throws SQLException {
		Connection connection = this.pool.getConnection();
		connection.setAutoCommit(false);
		return connection;
	}

	private static void fence(Connection connection, String sql, String id, String token, Binder binder)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			binder.bind(statement);
			if (statement.executeUpdate() != 1) {
				throw new IllegalStateException("Lost the fence of workflow " + id + " (token " + token + ")");
			}
		}
	}

	private static void insertEvent(Connection connection, String id, long seq, int step, String kind, String name,
			int attempt, String input, String output, Instant at) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
			insert.setString(1, id);
			insert.setLong(2, seq);
			insert.setInt(3, step);
			insert.setString(4, kind);
			insert.setString(5, name);
			insert.setInt(6, attempt);
			insert.setString(7, input);
			insert.setString(8, output);
			insert.setTimestamp(9, Timestamp.from(at));
			insert.executeUpdate();
		}
	}

	@Override
	public void releaseConnections() {
		this.pool.getHikariPoolMXBean().softEvictConnections();
	}

	@Override
	public void close() {
		this.pool.close();
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;

	}

}
