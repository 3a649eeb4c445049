package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.PrivatePostgresServer;
import dev.durable.testapp.TestApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out under chaos: three real application processes (nodes) share one PostgreSQL database
 * and its workflows, while nodes are killed with {@code kill -9}, paused past their lease with
 * {@code SIGSTOP}, restarted one after another, and the database itself is stopped and started.
 * Every workflow must complete, every transactional activity must have committed exactly once,
 * and every journal must run 1..n without a gap or a second record of a step.
 *
 * <p>The workflow ({@code ChaosWorkflow}) runs a transactional activity that writes a row into the
 * application's table {@code chaos_step}, sleeps durably (it suspends and is claimed again, by any
 * node), and runs a second such activity. The table has no unique key: a step committed twice
 * would show as two rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMultiNodeIntegrationTests {

	private static final int WORKFLOWS = 300;

	private static final long SLEEP_MILLIS = 300;

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration ALL_COMPLETE = Duration.ofSeconds(120);

	private static final String JOURNAL = "WORKFLOW_STARTED,ACTIVITY_COMPLETED,TIMER_STARTED,ACTIVITY_COMPLETED,"
			+ "WORKFLOW_COMPLETED";

	private static final String FENCED = "no longer holds the claim";

	private final Path workDir = Path.of("target", "multi-node-" + UUID.randomUUID().toString().substring(0, 8))
		.toAbsolutePath();

	private @Nullable PostgresTestDatabase database;

	private final List<Node> nodes = new ArrayList<>();

	@BeforeAll
	void startNodes() throws Exception {
		Files.createDirectories(this.workDir);
		PostgresTestDatabase schema = PostgresTestDatabase.create();
		this.database = schema;
		Db db = new Db(schema.url(), PostgresTestDatabase.USER);
		db.createStepTable();
		for (int i = 1; i <= 3; i++) {
			this.nodes.add(new Node("node-" + i, db));
		}
		startAll(this.nodes);
	}

	@AfterAll
	void stopNodes() throws Exception {
		for (Node node : this.nodes) {
			node.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	@Timeout(240)
	void everyWorkflowCompletesOnceWhenOneNodeIsKilledAndAnotherIsPausedPastItsLease() throws Exception {
		ensureAllRunning();
		Db db = this.nodes.get(0).db;
		String prefix = "kp-" + UUID.randomUUID().toString().substring(0, 6);
		this.nodes.get(0).startWorkflows(prefix, 1, WORKFLOWS);

		Node killed = this.nodes.get(2);
		awaitRunningOn(killed, prefix, 3);
		killed.process().killHard();
		Map<String, String> orphans = db.runningOn(killed.name, prefix);
		assertThat(orphans).as("workflows %s held when it was killed; the kill must land mid-run", killed.name)
			.isNotEmpty();

		Node paused = this.nodes.get(1);
		awaitRunningOn(paused, prefix, 3);
		paused.process().pause();
		Map<String, String> frozen = db.runningOn(paused.name, prefix);
		assertThat(frozen).as("workflows %s held when it was paused", paused.name).isNotEmpty();
		List<String> takenOver = awaitTakeOver(db, frozen);
		assertThat(takenOver).as("workflows of the paused node taken over by another node").isNotEmpty();
		paused.process().resume();
		// Each run the paused node still had going meets the fence at its next write.
		int fenced = awaitLogCount(paused.process(), FENCED, takenOver.size(), Duration.ofSeconds(10));
		assertThat(fenced).as("late writes of the paused node refused by the fence; its log:%n%s",
				paused.process().logTail()).isGreaterThanOrEqualTo(1);
		// The dead node holds no locks (its sessions ended with it): all its workflows move on.
		assertThat(awaitTakeOver(db, orphans)).as("workflows of the killed node taken over by another node")
			.containsExactlyInAnyOrderElementsOf(orphans.keySet());
		killed.start();

		awaitAllCompleted(db, prefix, WORKFLOWS);
		assertCompletedExactlyOnce(db, prefix, WORKFLOWS);
		System.out.printf("Kill and pause: %d workflows; %d held by the killed node and taken over, %d of %d held by "
				+ "the paused node taken over, %d late writes of the paused node fenced%n", WORKFLOWS, orphans.size(),
				takenOver.size(), frozen.size(), fenced);
	}

	@Test
	@Timeout(240)
	void noWorkflowIsLostInARollingRestartOfAllNodes() throws Exception {
		ensureAllRunning();
		Db db = this.nodes.get(0).db;
		String prefix = "rr-" + UUID.randomUUID().toString().substring(0, 6);
		int batch = WORKFLOWS / this.nodes.size();
		for (int round = 0; round < this.nodes.size(); round++) {
			Node restarted = this.nodes.get(round);
			// New work keeps arriving during the deploy, through a node that stays up this round.
			this.nodes.get((round + 1) % this.nodes.size()).startWorkflows(prefix, 1 + round * batch, batch);
			awaitRunningOn(restarted, prefix, 2);
			restarted.process().stopGracefully(Duration.ofSeconds(30));
			assertThat(db.runningOn(restarted.name, prefix))
				.as("workflows still claimed by %s after its graceful shutdown", restarted.name)
				.isEmpty();
			restarted.start();
		}
		awaitAllCompleted(db, prefix, WORKFLOWS);
		assertCompletedExactlyOnce(db, prefix, WORKFLOWS);
	}

	@Test
	@Timeout(240)
	void everyWorkflowCompletesWhenTheDatabaseIsStoppedAndStartedMidRun() throws Exception {
		try (PrivatePostgresServer server = PrivatePostgresServer.start(this.workDir)) {
			Db db = new Db(server.url(), server.user());
			db.createStepTable();
			List<Node> outageNodes = new ArrayList<>();
			try {
				for (int i = 1; i <= 3; i++) {
					// A short connection timeout lets the outage reach the engine, instead of every
					// caller waiting in the pool until the database is back.
					outageNodes.add(new Node("outage-node-" + i, db, "--spring.datasource.hikari.connection-timeout=1000"));
				}
				startAll(outageNodes);
				String prefix = "pg-" + UUID.randomUUID().toString().substring(0, 6);
				outageNodes.get(0).startWorkflows(prefix, 1, WORKFLOWS);
				db.awaitCompleted(prefix, WORKFLOWS / 10, Duration.ofSeconds(60));

				server.stop();
				// Longer than a lease: every node's claims lapse while the database is away.
				Thread.sleep(LEASE.multipliedBy(3).toMillis());
				for (Node node : outageNodes) {
					assertThat(node.process().isAlive()).as("%s survives the outage", node.name).isTrue();
				}
				server.startAgain();

				awaitAllCompleted(db, prefix, WORKFLOWS, outageNodes);
				assertCompletedExactlyOnce(db, prefix, WORKFLOWS);
				for (Node node : outageNodes) {
					assertThat(Files.readString(node.process().log()))
						.as("%s's log tells that the database was unreachable, that it backs off, and when it is over",
								node.name)
						.contains("Could not claim workflows")
						.contains("retrying in")
						.contains("Claiming workflows again");
				}
			}
			finally {
				for (Node node : outageNodes) {
					node.close();
				}
			}
		}
	}

	private void ensureAllRunning() throws Exception {
		List<Node> stopped = this.nodes.stream().filter((node) -> !node.isRunning()).toList();
		startAll(stopped);
	}

	private static void startAll(List<Node> nodes) throws Exception {
		// In parallel, as a deployment starts its replicas: schema initialisation races too.
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		for (Node node : nodes) {
			starts.add(CompletableFuture.runAsync(() -> {
				try {
					node.start();
				}
				catch (Exception ex) {
					throw new IllegalStateException(node.name + " did not start: " + ex.getMessage(), ex);
				}
			}));
		}
		CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
	}

	/**
	 * Wait until a node runs at least {@code atLeast} of the batch's workflows at once.
	 */
	private void awaitRunningOn(Node node, String prefix, int atLeast) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (node.db.runningOn(node.name, prefix).size() < atLeast) {
			assertThat(System.nanoTime())
				.as("%s running %d of batch %s at once; statuses %s", node.name, atLeast, prefix,
						node.db.statusCounts(prefix))
				.isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/**
	 * Wait until every workflow a stopped node held has been claimed by another node (a new run
	 * token, or none once it moved on to a wait or its end), or a bound passes (a row a paused node
	 * holds locked in an open transaction cannot be taken over).
	 */
	private static List<String> awaitTakeOver(Db db, Map<String, String> frozen) throws Exception {
		long deadline = System.nanoTime() + LEASE.multipliedBy(5).toNanos();
		List<String> takenOver;
		do {
			Thread.sleep(200);
			Map<String, String> tokens = db.runTokens(frozen.keySet());
			takenOver = frozen.keySet()
				.stream()
				.filter((id) -> tokens.get(id) == null || !tokens.get(id).equals(frozen.get(id)))
				.sorted()
				.toList();
		}
		while (takenOver.size() < frozen.size() && System.nanoTime() < deadline);
		return takenOver;
	}

	/**
	 * Count the lines of a node's log that contain a text, waiting a while for as many as expected.
	 */
	private static int awaitLogCount(JvmProcess process, String text, int expected, Duration timeout)
			throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			int count = (int) Files.readAllLines(process.log()).stream().filter((line) -> line.contains(text)).count();
			if (count >= expected || System.nanoTime() > deadline) {
				return count;
			}
			Thread.sleep(100);
		}
	}

	private void awaitAllCompleted(Db db, String prefix, int count) throws Exception {
		awaitAllCompleted(db, prefix, count, this.nodes);
	}

	private static void awaitAllCompleted(Db db, String prefix, int count, List<Node> nodes) throws Exception {
		long deadline = System.nanoTime() + ALL_COMPLETE.toNanos();
		while (db.completed(prefix) < count) {
			Map<String, Integer> statuses = db.statusCounts(prefix);
			assertThat(statuses).as("workflows of batch %s ended as failed: %s", prefix, db.notCompleted(prefix))
				.doesNotContainKey("FAILED");
			if (System.nanoTime() > deadline) {
				StringBuilder logs = new StringBuilder();
				for (Node node : nodes) {
					logs.append("\n--- ").append(node.name).append(node.isRunning() ? "" : " (not running)")
						.append(" ---\n").append(node.process().logTail());
				}
				throw new AssertionError("Not all " + count + " workflows of batch " + prefix + " completed within "
						+ ALL_COMPLETE + "; statuses " + statuses + "; not completed: " + db.notCompleted(prefix)
						+ logs);
			}
			Thread.sleep(250);
		}
	}

	/**
	 * Each workflow completed with the expected result, each transactional step committed once, and
	 * each journal is exactly start, step 1, timer, step 3, end, numbered 1 to 5.
	 */
	private static void assertCompletedExactlyOnce(Db db, String prefix, int count) throws SQLException {
		assertThat(db.completed(prefix)).as("completed workflows of batch %s", prefix).isEqualTo(count);
		assertThat(db.stepsNotCommittedOnce(prefix))
			.as("workflows whose transactional steps did not commit exactly once (id -> first/second rows)")
			.isEmpty();
		assertThat(db.journalsNotWellFormed(prefix, JOURNAL))
			.as("journals that are not '%s' numbered 1..5 without gap or duplicate", JOURNAL)
			.isEmpty();
		assertThat(db.journalCount(prefix)).as("journals of batch %s", prefix).isEqualTo(count);
	}

	/**
	 * One application process, restartable under the same node id.
	 */
	private final class Node implements AutoCloseable {

		private final String name;

		private final Db db;

		private final List<String> extraArguments;

		private @Nullable JvmProcess process;

		private int starts;

		Node(String name, Db db, String... extraArguments) {
			this.name = name;
			this.db = db;
			this.extraArguments = List.of(extraArguments);
		}

		void start() throws Exception {
			this.starts++;
			List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + this.db.url,
					"--spring.datasource.username=" + this.db.user, "--durable.jdbc.initialize-schema=always",
					"--spring.jpa.hibernate.ddl-auto=none", "--durable.node-id=" + this.name,
					"--durable.worker.lease-duration=" + LEASE.toMillis() + "ms", "--durable.worker.concurrency=4",
					// The product's default policy (retry until success), with short waits.
					"--durable.activity.default-retry.max-attempts=0",
					"--durable.activity.default-retry.initial-interval=200ms",
					"--durable.activity.default-retry.max-interval=2s", "--chaos.step-millis=150"));
			arguments.addAll(this.extraArguments);
			this.process = JvmProcess.startMain(TestApplication.class, PostgresMultiNodeIntegrationTests.this.workDir,
					this.name + "-" + this.starts, arguments);
		}

		JvmProcess process() {
			assertThat(this.process).as("%s was started", this.name).isNotNull();
			return this.process;
		}

		boolean isRunning() {
			return this.process != null && this.process.isAlive();
		}

		void startWorkflows(String prefix, int from, int count) throws Exception {
			// In small requests, each well within the HTTP timeout on a busy machine.
			for (int first = from; first < from + count; first += 25) {
				int size = Math.min(25, from + count - first);
				var response = process().post("/test/chaos?prefix=" + prefix + "&from=" + first + "&count=" + size
						+ "&sleepMillis=" + SLEEP_MILLIS, "");
				assertThat(response.statusCode()).as("starting %d workflows through %s: %s", size, this.name,
						response.body()).isEqualTo(200);
			}
		}

		@Override
		public void close() throws Exception {
			if (this.process != null) {
				this.process.close();
			}
		}

	}

	/**
	 * The test's own JDBC view of the shared database.
	 */
	private static final class Db {

		private final String url;

		private final String user;

		Db(String url, String user) {
			this.url = url;
			this.user = user;
		}

		void createStepTable() throws SQLException {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("create table chaos_step (workflow_id varchar(255) not null, step varchar(32) not null, "
						+ "node varchar(64) not null, attempt int not null, "
						+ "recorded_at timestamp with time zone default now() not null)");
			}
		}

		void awaitCompleted(String prefix, int atLeast, Duration timeout) throws Exception {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (completed(prefix) < atLeast) {
				assertThat(System.nanoTime()).as("%d workflows of %s completed; statuses %s", atLeast, prefix,
						statusCounts(prefix)).isLessThan(deadline);
				Thread.sleep(50);
			}
		}

		Map<String, String> runningOn(String node, String prefix) throws SQLException {
			Map<String, String> running = new HashMap<>();
			query("select id, run_token from durable_workflow where status = 'RUNNING' and owner = ? and id like ?",
					(rows) -> running.put(rows.getString(1), rows.getString(2)), node, prefix + "-%");
			return running;
		}

		Map<String, String> runTokens(java.util.Collection<String> ids) throws SQLException {
			Map<String, String> tokens = new HashMap<>();
			query("select id, run_token from durable_workflow where id = any (?)",
					(rows) -> tokens.put(rows.getString(1), rows.getString(2)), (Object) ids.toArray(String[]::new));
			return tokens;
		}

		int completed(String prefix) throws SQLException {
			return statusCounts(prefix).getOrDefault("COMPLETED", 0);
		}

		Map<String, Integer> statusCounts(String prefix) throws SQLException {
			Map<String, Integer> counts = new LinkedHashMap<>();
			query("select status, count(*) from durable_workflow where id like ? group by status order by status",
					(rows) -> counts.put(rows.getString(1), rows.getInt(2)), prefix + "-%");
			return counts;
		}

		List<String> notCompleted(String prefix) throws SQLException {
			List<String> rows = new ArrayList<>();
			query("select id, status, owner, due_at, error from durable_workflow where id like ? "
					+ "and status <> 'COMPLETED' order by id limit 20",
					(row) -> rows.add(row.getString(1) + " " + row.getString(2) + " owner=" + row.getString(3)
							+ " due=" + row.getString(4) + ((row.getString(5) != null) ? " " + row.getString(5) : "")),
					prefix + "-%");
			return rows;
		}

		Map<String, String> stepsNotCommittedOnce(String prefix) throws SQLException {
			Map<String, String> wrong = new LinkedHashMap<>();
			query("select w.id, count(s.workflow_id) filter (where s.step = 'first'), "
					+ "count(s.workflow_id) filter (where s.step = 'second'), string_agg(s.node, ',') "
					+ "from durable_workflow w left join chaos_step s on s.workflow_id = w.id where w.id like ? "
					+ "group by w.id having count(s.workflow_id) filter (where s.step = 'first') <> 1 "
					+ "or count(s.workflow_id) filter (where s.step = 'second') <> 1 order by w.id",
					(rows) -> wrong.put(rows.getString(1),
							rows.getInt(2) + "/" + rows.getInt(3) + " on " + rows.getString(4)),
					prefix + "-%");
			return wrong;
		}

		Map<String, String> journalsNotWellFormed(String prefix, String expectedKinds) throws SQLException {
			Map<String, String> wrong = new LinkedHashMap<>();
			query("select workflow_id, string_agg(kind, ',' order by seq), string_agg(seq::text, ',' order by seq), "
					+ "min(seq), max(seq), count(*) from durable_event where workflow_id like ? group by workflow_id "
					+ "order by workflow_id", (rows) -> {
						boolean numbered = rows.getLong(4) == 1 && rows.getLong(5) == rows.getLong(6);
						if (!numbered || !expectedKinds.equals(rows.getString(2))) {
							wrong.put(rows.getString(1), rows.getString(2) + " at seq " + rows.getString(3));
						}
					}, prefix + "-%");
			return wrong;
		}

		int journalCount(String prefix) throws SQLException {
			int[] count = new int[1];
			query("select count(distinct workflow_id) from durable_event where workflow_id like ?",
					(rows) -> count[0] = rows.getInt(1), prefix + "-%");
			return count[0];
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

		private Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, this.user,
					System.getProperty("durable.test.postgres.password", ""));
		}

	}

	/** Reads one row. */
	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rows) throws SQLException;

	}

}
