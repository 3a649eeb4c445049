package dev.durable.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chaos test's own JDBC view of the database its nodes share: the journal tables and the
 * application's table {@code chaos_step}, which the chaos workflow's transactional activities
 * write one row into per commit and which has no unique key, so a step committed twice shows as
 * two rows.
 *
 * <p>The final checks ({@link #assertNothingLostOrStuck}) read plain rows and judge them here, so
 * that they run on H2 as on PostgreSQL; {@link #runningOn} and {@link #runTokens} are for
 * PostgreSQL, whose rows a test can read while the nodes run.
 */
public final class ChaosJournal {

	/** The journal of a chaos workflow: start, first step, timer, second step, end. */
	public static final List<String> JOURNAL = List.of("WORKFLOW_STARTED", "ACTIVITY_COMPLETED", "TIMER_STARTED",
			"ACTIVITY_COMPLETED", "WORKFLOW_COMPLETED");

	private final String url;

	private final String user;

	private final String password;

	/**
	 * Create a view of a database.
	 * @param url its JDBC URL
	 * @param user the user
	 * @param password the password
	 */
	public ChaosJournal(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/**
	 * Create the application's table that the chaos activities write into.
	 * @throws SQLException if it cannot
	 */
	public void createStepTable() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			// MariaDB has no timestamp with time zone; the column is only informative.
			String recordedAt = mariadb() ? "datetime(6) default current_timestamp(6)"
					: "timestamp with time zone default current_timestamp";
			statement.execute("create table chaos_step (workflow_id varchar(255) not null, step varchar(32) not null, "
					+ "node varchar(64) not null, attempt int not null, recorded_at " + recordedAt + " not null)");
		}
	}

	/**
	 * Wait until at least a number of a batch's workflows completed.
	 * @param prefix the batch's prefix
	 * @param atLeast how many
	 * @param timeout how long at most
	 * @throws Exception on timeout
	 */
	public void awaitCompleted(String prefix, int atLeast, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (statusCounts(prefix).getOrDefault("COMPLETED", 0) < atLeast) {
			assertThat(System.nanoTime()).as("%d workflows of %s completed; statuses %s", atLeast, prefix,
					statusCounts(prefix)).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	/**
	 * Wait until every workflow of a batch completed, failing at once when one failed, and at the
	 * timeout with the statuses and the details.
	 * @param prefix the batch's prefix
	 * @param expected how many workflows the batch has at least
	 * @param timeout how long at most
	 * @param statuses reads the batch's status counts (from this view, or over a node's HTTP)
	 * @param details what to add to a failure: the workflows left, the nodes' logs
	 * @throws Exception on failure or timeout
	 */
	public static void awaitAllCompleted(String prefix, int expected, Duration timeout,
			Callable<Map<String, Integer>> statuses, Supplier<String> details) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, Integer> counts = statuses.call();
			if (counts.containsKey("FAILED")) {
				throw new AssertionError("Workflows of batch " + prefix + " ended as failed; statuses " + counts
						+ details.get());
			}
			int total = counts.values().stream().mapToInt(Integer::intValue).sum();
			if (total >= expected && counts.getOrDefault("COMPLETED", 0) == total) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not all " + expected + " workflows of batch " + prefix + " completed within "
						+ timeout + "; statuses " + counts + details.get());
			}
			Thread.sleep(250);
		}
	}

	/**
	 * Describe a batch's workflows that have not completed, for a failure message.
	 * @param prefix the batch's prefix
	 * @return up to 20 of them, or why they cannot be read
	 */
	public String describeNotCompleted(String prefix) {
		try {
			return "; not completed: " + notCompleted(prefix);
		}
		catch (SQLException ex) {
			return "; not completed: (unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Return the workflows of a batch that a node runs now, with their run tokens.
	 * @param node the node id
	 * @param prefix the batch's prefix
	 * @return id to run token
	 * @throws SQLException on a database error
	 */
	public Map<String, String> runningOn(String node, String prefix) throws SQLException {
		Map<String, String> running = new HashMap<>();
		query("select id, run_token from durable_workflow where status = 'RUNNING' and owner = ? and id like ?",
				(rows) -> running.put(rows.getString(1), rows.getString(2)), node, prefix + "-%");
		return running;
	}

	/**
	 * Return the current run tokens of workflows (PostgreSQL: the ids go as an array; MariaDB: as a
	 * list of parameters).
	 * @param ids the workflows
	 * @return id to run token, {@code null} when none holds them
	 * @throws SQLException on a database error
	 */
	public Map<String, String> runTokens(Collection<String> ids) throws SQLException {
		Map<String, String> tokens = new HashMap<>();
		if (mariadb()) {
			if (!ids.isEmpty()) {
				query("select id, run_token from durable_workflow where id in ("
						+ String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")",
						(rows) -> tokens.put(rows.getString(1), rows.getString(2)), ids.toArray());
			}
			return tokens;
		}
		query("select id, run_token from durable_workflow where id = any (?)",
				(rows) -> tokens.put(rows.getString(1), rows.getString(2)), (Object) ids.toArray(String[]::new));
		return tokens;
	}

	/**
	 * Count a batch's workflows by status.
	 * @param prefix the batch's prefix
	 * @return status to count
	 * @throws SQLException on a database error
	 */
	public Map<String, Integer> statusCounts(String prefix) throws SQLException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		query("select status, count(*) from durable_workflow where id like ? group by status order by status",
				(rows) -> counts.put(rows.getString(1), rows.getInt(2)), prefix + "-%");
		return counts;
	}

	/**
	 * Describe up to 20 of a batch's workflows that have not completed.
	 * @param prefix the batch's prefix
	 * @return one line each: id, status, owner, due time, error
	 * @throws SQLException on a database error
	 */
	public List<String> notCompleted(String prefix) throws SQLException {
		List<String> rows = new ArrayList<>();
		query("select id, status, owner, due_at, error from durable_workflow where id like ? "
				+ "and status <> 'COMPLETED' order by id limit 20",
				(row) -> rows.add(row.getString(1) + " " + row.getString(2) + " owner=" + row.getString(3) + " due="
						+ row.getString(4) + ((row.getString(5) != null) ? " " + row.getString(5) : "")),
				prefix + "-%");
		return rows;
	}

	/**
	 * Nothing lost, nothing stuck: every acknowledged start exists, every workflow of the batch
	 * (acknowledged or not: a start whose answer was lost may still have been recorded) completed,
	 * each of its transactional steps committed exactly once, and its journal is exactly
	 * {@link #JOURNAL}, numbered 1 to 5 without gap or duplicate.
	 * @param prefix the batch's prefix
	 * @param acknowledged the ids whose start a node acknowledged
	 * @throws SQLException on a database error
	 */
	public void assertNothingLostOrStuck(String prefix, Collection<String> acknowledged) throws SQLException {
		Map<String, String> statuses = new TreeMap<>();
		query("select id, status from durable_workflow where id like ?",
				(rows) -> statuses.put(rows.getString(1), rows.getString(2)), prefix + "-%");
		TreeSet<String> lost = new TreeSet<>(acknowledged);
		lost.removeAll(statuses.keySet());
		assertThat(lost).as("acknowledged starts of batch %s missing from the journal (lost)", prefix).isEmpty();
		Map<String, String> notCompleted = new TreeMap<>(statuses);
		notCompleted.values().removeIf("COMPLETED"::equals);
		assertThat(notCompleted).as("workflows of batch %s that did not complete (id -> status)", prefix).isEmpty();
		assertThat(stepsNotCommittedOnce(prefix, statuses.keySet()))
			.as("workflows whose transactional steps did not commit exactly once (id -> rows of first/second)")
			.isEmpty();
		assertThat(journalsNotWellFormed(prefix, statuses.keySet()))
			.as("journals that are not %s numbered 1..5 without gap or duplicate (id -> kind@seq)", JOURNAL)
			.isEmpty();
	}

	private Map<String, String> stepsNotCommittedOnce(String prefix, Collection<String> workflows)
			throws SQLException {
		Map<String, int[]> rows = new TreeMap<>();
		workflows.forEach((id) -> rows.put(id, new int[2]));
		query("select workflow_id, step from chaos_step where workflow_id like ?",
				(row) -> rows.computeIfAbsent(row.getString(1), (id) -> new int[2])["first".equals(row.getString(2))
						? 0 : 1]++, prefix + "-%");
		Map<String, String> wrong = new TreeMap<>();
		rows.forEach((id, counts) -> {
			if (counts[0] != 1 || counts[1] != 1 || !workflows.contains(id)) {
				wrong.put(id, counts[0] + "/" + counts[1] + (workflows.contains(id) ? "" : " (no such workflow)"));
			}
		});
		return wrong;
	}

	private Map<String, String> journalsNotWellFormed(String prefix, Collection<String> workflows)
			throws SQLException {
		Map<String, List<String>> journals = new TreeMap<>();
		workflows.forEach((id) -> journals.put(id, new ArrayList<>()));
		query("select workflow_id, seq, kind from durable_event where workflow_id like ? order by workflow_id, seq",
				(row) -> journals.computeIfAbsent(row.getString(1), (id) -> new ArrayList<>())
					.add(row.getString(3) + "@" + row.getLong(2)),
				prefix + "-%");
		List<String> expected = new ArrayList<>();
		for (int seq = 1; seq <= JOURNAL.size(); seq++) {
			expected.add(JOURNAL.get(seq - 1) + "@" + seq);
		}
		Map<String, String> wrong = new TreeMap<>();
		journals.forEach((id, events) -> {
			if (!events.equals(expected)) {
				wrong.put(id, String.join(",", events));
			}
		});
		return wrong;
	}

	private void query(String sql, RowHandler handler, Object... parameters) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				if (parameters[i] instanceof String[] array) {
					statement.setArray(i + 1, connection.createArrayOf("varchar", array));
				}
				else {
					statement.setObject(i + 1, parameters[i]);
				}
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					handler.handle(rows);
				}
			}
		}
	}

	private boolean mariadb() {
		return this.url.startsWith("jdbc:mariadb:") || this.url.startsWith("jdbc:mysql:");
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.user, this.password);
	}

	/** Reads one row. */
	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rows) throws SQLException;

	}

}
