package dev.durable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit keeps the crash guarantee: a {@code kill -9} in the middle of a burst of
 * concurrent steps, whose records share commits, loses no step a workflow had continued past
 * and re-runs no step whose record was committed. A subclass per database gives the URL and
 * account of a database of its own.
 */
@RunsBesideOtherTests
abstract class AbstractGroupCommitCrashIntegrationTests {

	private static final int WORKFLOWS = 24;

	private static final int STEPS = 60;

	@TempDir
	Path workDir;

	/** The JDBC URL of this test's database. */
	abstract String url();

	abstract String user();

	abstract String password();

	/** The SQL state of a query on a table that does not exist yet. */
	abstract String missingTableState();

	@Test
	void aKillDuringABurstOfSharedCommitsLosesNoAcknowledgedStepAndRepeatsNoRecordedOne() throws Exception {
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments(1))) {
			first.post("/test/burst?prefix=burst&workflows=" + WORKFLOWS + "&steps=" + STEPS, "");
			awaitStepRuns(WORKFLOWS * STEPS / 3, first);
			first.killHard();
		}
		// What the crash left: steps run by the first process, and steps recorded in the journal.
		Map<String, Set<Integer>> ranBefore = stepRuns(1);
		Map<String, Set<Integer>> recorded = completedSteps();
		long midRun = ranBefore.values().stream().filter((steps) -> steps.size() < STEPS).count();
		assertThat(midRun).as("workflows caught in the middle of their steps by the kill").isGreaterThanOrEqualTo(2);

		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments(2))) {
			awaitAllCompleted(second);
		}
		Map<String, Set<Integer>> ranAfter = stepRuns(2);
		Map<String, Set<Integer>> finalJournal = completedSteps();
		for (int i = 0; i < WORKFLOWS; i++) {
			String id = "burst-" + i;
			Set<Integer> before = ranBefore.getOrDefault(id, Set.of());
			Set<Integer> wasRecorded = recorded.getOrDefault(id, Set.of());
			Set<Integer> after = ranAfter.getOrDefault(id, Set.of());
			for (int step : before) {
				if (before.contains(step + 1)) {
					assertThat(wasRecorded).as("%s: step %d, which the workflow continued past before the kill, "
							+ "is in the journal the kill left", id, step).contains(step);
				}
			}
			assertThat(after.stream().filter(wasRecorded::contains).toList())
				.as("%s: steps run again after the restart that were already recorded", id)
				.isEmpty();
			assertThat(finalJournal.get(id)).as("%s: completed steps in the final journal", id)
				.hasSize(STEPS)
				.containsAll(range(1, STEPS));
			assertThat(duplicateRuns(id)).as("%s: steps that ran more than once (only the one in flight at the "
					+ "kill may)", id).hasSizeLessThanOrEqualTo(1);
		}
		assertThat(journalGapsOrDuplicates()).as("workflows whose journal seq is not exactly 1..n").isEmpty();
	}

	private List<String> arguments(int generation) {
		return List.of("--spring.datasource.url=" + url(), "--spring.datasource.username=" + user(),
				"--spring.datasource.password=" + password(), "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=update", "--test.generation=" + generation,
				// The same node id: the restarted process takes its predecessor's workflows over at once.
				"--durable.node-id=burst-node", "--durable.worker.concurrency=" + WORKFLOWS);
	}

	private void awaitStepRuns(int atLeast, JvmProcess process) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (count("select count(*) from step_run") < atLeast) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Fewer than " + atLeast + " steps ran in 60 s; log:\n" + process.logTail());
			}
			Thread.sleep(5);
		}
	}

	private void awaitAllCompleted(JvmProcess process) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (count("select count(*) from durable_workflow where status = 'COMPLETED'") < WORKFLOWS) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not all " + WORKFLOWS + " workflows completed after the restart; log:\n"
						+ process.logTail());
			}
			Thread.sleep(50);
		}
	}

	private Map<String, Set<Integer>> stepRuns(int generation) throws SQLException {
		return groupedSteps("select run_key, step from step_run where generation = ?", generation);
	}

	private Map<String, Set<Integer>> completedSteps() throws SQLException {
		return groupedSteps("select workflow_id, step from durable_event where kind = 'ACTIVITY_COMPLETED' and "
				+ "attempt > ?", 0);
	}

	private Set<Integer> duplicateRuns(String id) throws SQLException {
		Set<Integer> steps = new TreeSet<>();
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(
						"select step from step_run where run_key = ? group by step having count(*) > 1")) {
			statement.setString(1, id);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					steps.add(rows.getInt(1));
				}
			}
		}
		return steps;
	}

	private List<String> journalGapsOrDuplicates() throws SQLException {
		List<String> bad = new ArrayList<>();
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement("select workflow_id from durable_event "
						+ "group by workflow_id having count(*) <> max(seq) or min(seq) <> 1 "
						+ "or count(distinct seq) <> count(*)");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				bad.add(rows.getString(1));
			}
		}
		return bad;
	}

	private Map<String, Set<Integer>> groupedSteps(String sql, int parameter) throws SQLException {
		Map<String, Set<Integer>> steps = new TreeMap<>();
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					steps.computeIfAbsent(rows.getString(1), (id) -> new TreeSet<>()).add(rows.getInt(2));
				}
			}
		}
		return steps;
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			if (missingTableState().equals(ex.getSQLState())) {
				return 0; // the application has not created the table yet
			}
			throw ex;
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), user(), password());
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> values = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			values.add(i);
		}
		return values;
	}

}
