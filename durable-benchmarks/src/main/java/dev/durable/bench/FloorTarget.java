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
 * engine writes and nothing else; each durable write borrows a connection from the pool, as the
 * engine's writes do. Three variants ({@code bench.floor}):
 *
 * <ul>
 * <li>{@link Kind#MINIMAL} (the default): the floor of the side-by-side harness, peers-bench
 * ({@link MinimalFloorWrites}): five auto-committed statements per workflow of three activities on
 * two lean tables, so that both harnesses divide by the same floor.</li>
 * <li>{@link Kind#HONEST}: the engine's own rows in its own tables, each durable write as cheap as the database allows while
 * staying durable. On PostgreSQL every write is one auto-committed statement, five per workflow of
 * three activities: the start inserts the workflow row and its {@code WORKFLOW_STARTED} event in
 * one statement (a writable common table expression), each activity is one insert, and the end
 * updates the row, fenced by its run token, and inserts the final event in one statement. H2 and
 * MariaDB have no writable common table expressions: there each activity is one auto-committed
 * insert, and the start and the end are two statements in one transaction, since each writes two
 * rows that must be made together.</li>
 * <li>{@link Kind#TRANSACTIONAL}: the floor earlier figures were measured against; every write is a
 * transaction of its own, {@code BEGIN}, the statements, {@code COMMIT} (on PostgreSQL an activity
 * is two round trips, the driver sending {@code BEGIN} with the insert, where one would do). On H2 and MariaDB earlier figures used the honest floor, which is what
 * they ran then.</li>
 * </ul>
 *
 * <p>The engine's check of its claim rides in its step insert; that is engine overhead here.
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

	/** The start as one statement: the row, and its first event only if the row was made. */
	private static final String START_AS_ONE = "with w as (" + INSERT_WORKFLOW + " returning id) "
			+ "insert into durable_event (workflow_id, seq, step, kind, name, attempt, input, output, error_type, "
			+ "error, recorded_at) select w.id, 1, 0, 'WORKFLOW_STARTED', cast(? as varchar), 0, cast(? as text), "
			+ "null, null, null, cast(? as timestamp with time zone) from w";

	/** The end as one statement: the final event is inserted only if the fenced update hit the row. */
	private static final String FINISH_AS_ONE = "with w as (" + FINISH + " returning id) "
			+ "insert into durable_event (workflow_id, seq, step, kind, name, attempt, input, output, error_type, "
			+ "error, recorded_at) select w.id, cast(? as bigint), 0, 'WORKFLOW_COMPLETED', cast(? as varchar), 0, "
			+ "null, cast(? as text), null, null, cast(? as timestamp with time zone) from w";

	/**
	 * Which floor to measure against.
	 */
	enum Kind {

		/** Peers-bench's floor: five auto-committed statements on two lean tables. */
		MINIMAL,

		/** The engine's rows, each durable write as cheap as the database allows (one auto-committed statement on PostgreSQL). */
		HONEST,

		/** Each durable write a transaction of its own: {@code BEGIN}, the statements, {@code COMMIT}. */
		TRANSACTIONAL

	}

	private final HikariDataSource pool;

	private final Kind kind;

	/** Whether start and end are each one statement (PostgreSQL's writable common table expressions). */
	private final boolean oneStatementStartAndEnd;

	/** Whether each step is one auto-committed insert instead of a transaction of its own. */
	private final boolean autoCommitSteps;

	/** The writes of the minimal floor, or null for the others. */
	private final MinimalFloorWrites minimal;

	/**
	 * Create the floor.
	 * @param pool the floor's own pool
	 * @param kind which floor
	 * @param postgresql whether the database is PostgreSQL, which has writable common table
	 * expressions
	 */
	FloorTarget(HikariDataSource pool, Kind kind, boolean postgresql) throws SQLException {
		this.pool = pool;
		this.kind = kind;
		this.minimal = (kind == Kind.MINIMAL) ? new MinimalFloorWrites(pool, postgresql) : null;
		this.oneStatementStartAndEnd = kind == Kind.HONEST && postgresql;
		// On H2 and MariaDB the floor always auto-committed its steps (the figures measured there used it).
		this.autoCommitSteps = kind == Kind.HONEST || !postgresql;
	}

	@Override
	public String name() {
		return "Floor (" + this.kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
	}

	/**
	 * Say how this floor writes, for the results.
	 * @return a short description
	 */
	String description() {
		if (this.minimal != null) {
			return "peers-bench's floor, each durable write one auto-committed statement on two lean tables";
		}
		if (this.oneStatementStartAndEnd) {
			return "each durable write one auto-committed statement";
		}
		if (this.kind == Kind.HONEST) {
			return "each step one auto-committed insert, start and end two statements in one transaction";
		}
		return this.autoCommitSteps ? "start and end in a transaction, each step auto-committed"
				: "BEGIN, statements, COMMIT per durable write";
	}

	@Override
	public void runWorkflow(String key, int steps) throws SQLException {
		runAndReturnId(key, steps);
	}

	private String runAndReturnId(String key, int steps) throws SQLException {
		if (this.minimal != null) {
			return this.minimal.run(key, steps);
		}
		String id = UUID.randomUUID().toString();
		String token = UUID.randomUUID().toString();
		String input = "[\"" + key + "\"," + steps + "]";
		Instant now = Instant.now();
		if (this.oneStatementStartAndEnd) {
			try (Connection connection = autoCommit();
					PreparedStatement start = connection.prepareStatement(START_AS_ONE)) {
				bindWorkflow(start, id, input, token, now);
				start.setString(9, TYPE);
				start.setString(10, input);
				start.setTimestamp(11, Timestamp.from(now));
				if (start.executeUpdate() != 1) {
					throw new IllegalStateException("The start of workflow " + id + " wrote no event");
				}
			}
		}
		else {
			try (Connection connection = begin()) {
				try (PreparedStatement insert = connection.prepareStatement(INSERT_WORKFLOW)) {
					bindWorkflow(insert, id, input, token, now);
					insert.executeUpdate();
				}
				insertEvent(connection, id, 1, 0, "WORKFLOW_STARTED", TYPE, 0, input, null, now);
				connection.commit();
			}
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
		Binder finish = (statement) -> {
			statement.setString(1, result);
			statement.setTimestamp(2, Timestamp.from(end));
			statement.setString(3, id);
			statement.setString(4, token);
		};
		if (this.oneStatementStartAndEnd) {
			try (Connection connection = autoCommit()) {
				// Fenced as the engine's end is: one event inserted means the update hit the row.
				fence(connection, FINISH_AS_ONE, id, token, (statement) -> {
					finish.bind(statement);
					statement.setLong(5, steps + 2);
					statement.setString(6, TYPE);
					statement.setString(7, result);
					statement.setTimestamp(8, Timestamp.from(end));
				});
			}
		}
		else {
			try (Connection connection = begin()) {
				fence(connection, FINISH, id, token, finish);
				insertEvent(connection, id, steps + 2, 0, "WORKFLOW_COMPLETED", TYPE, 0, null, result, end);
				connection.commit();
			}
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
			events = (this.minimal != null) ? this.minimal.load(id).size() : load(id).size();
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

	private static void bindWorkflow(PreparedStatement insert, String id, String input, String token, Instant now)
			throws SQLException {
		insert.setString(1, id);
		insert.setString(2, TYPE);
		insert.setString(3, input);
		insert.setString(4, "bench-node");
		insert.setString(5, token);
		insert.setTimestamp(6, Timestamp.from(now.plus(LEASE)));
		insert.setTimestamp(7, Timestamp.from(now));
		insert.setTimestamp(8, Timestamp.from(now));
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
