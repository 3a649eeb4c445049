package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.PrivatePostgresServer;
import dev.durable.testapp.ChaosController;
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

	private static final String FENCED = "no longer holds the claim";

	private static final String PASSWORD = System.getProperty("durable.test.postgres.password", "");

	private final Path workDir = Path.of("target", "multi-node-" + UUID.randomUUID().toString().substring(0, 8))
		.toAbsolutePath();

	private @Nullable PostgresTestDatabase database;

	private @Nullable ChaosJournal journal;

	private final List<ChaosNode> nodes = new ArrayList<>();

	@BeforeAll
	// Three JVMs starting at once on a busy 2-core machine have taken over two minutes.
	@Timeout(300)
	void startNodes() throws Exception {
		Files.createDirectories(this.workDir);
		PostgresTestDatabase schema = PostgresTestDatabase.create();
		this.database = schema;
		ChaosJournal db = new ChaosJournal(schema.url(), PostgresTestDatabase.USER, PASSWORD);
		db.createStepTable();
		this.journal = db;
		for (int i = 1; i <= 3; i++) {
			this.nodes.add(new ChaosNode("node-" + i, this.workDir,
					ChaosNode.postgresArguments(schema.url(), PostgresTestDatabase.USER, LEASE,
							// Longer than the readers wait: only the notification can bring them a value.
							"--durable.events.poll-interval=30s")));
		}
		ChaosNode.startAll(this.nodes);
	}

	@AfterAll
	void stopNodes() throws Exception {
		for (ChaosNode node : this.nodes) {
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
		ChaosJournal db = journal();
		String prefix = "kp-" + UUID.randomUUID().toString().substring(0, 6);
		this.nodes.get(0).startWorkflows(prefix, 1, WORKFLOWS, SLEEP_MILLIS);

		ChaosNode killed = this.nodes.get(2);
		awaitRunningOn(db, killed, prefix, 3);
		killed.process().killHard();
		Map<String, String> orphans = db.runningOn(killed.name(), prefix);
		assertThat(orphans).as("workflows %s held when it was killed; the kill must land mid-run", killed.name())
			.isNotEmpty();

		ChaosNode paused = this.nodes.get(1);
		awaitRunningOn(db, paused, prefix, 3);
		paused.process().pause();
		Map<String, String> frozen = db.runningOn(paused.name(), prefix);
		assertThat(frozen).as("workflows %s held when it was paused", paused.name()).isNotEmpty();
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
		ChaosJournal db = journal();
		String prefix = "rr-" + UUID.randomUUID().toString().substring(0, 6);
		int batch = WORKFLOWS / this.nodes.size();
		for (int round = 0; round < this.nodes.size(); round++) {
			ChaosNode restarted = this.nodes.get(round);
			// New work keeps arriving during the deploy, through a node that stays up this round.
			ChaosNode entry = this.nodes.get((round + 1) % this.nodes.size());
			entry.startWorkflows(prefix, 1 + round * batch, batch, SLEEP_MILLIS);
			awaitRunningOn(db, restarted, prefix, 2);
			restarted.process().stopGracefully(Duration.ofSeconds(30));
			assertThat(db.runningOn(restarted.name(), prefix))
				.as("workflows still claimed by %s after its graceful shutdown", restarted.name())
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
			ChaosJournal db = new ChaosJournal(server.url(), server.user(), "");
			db.createStepTable();
			List<ChaosNode> outageNodes = new ArrayList<>();
			try {
				for (int i = 1; i <= 3; i++) {
					// A short connection timeout lets the outage reach the engine, instead of every
					// caller waiting in the pool until the database is back.
					outageNodes.add(new ChaosNode("outage-node-" + i, this.workDir, ChaosNode.postgresArguments(
							server.url(), server.user(), LEASE, "--spring.datasource.hikari.connection-timeout=1000")));
				}
				ChaosNode.startAll(outageNodes);
				String prefix = "pg-" + UUID.randomUUID().toString().substring(0, 6);
				outageNodes.get(0).startWorkflows(prefix, 1, WORKFLOWS, SLEEP_MILLIS);
				db.awaitCompleted(prefix, WORKFLOWS / 10, Duration.ofSeconds(60));

				server.stop();
				// Longer than a lease: every node's claims lapse while the database is away.
				Thread.sleep(LEASE.multipliedBy(3).toMillis());
				for (ChaosNode node : outageNodes) {
					assertThat(node.process().isAlive()).as("%s survives the outage", node.name()).isTrue();
				}
				server.startAgain();

				awaitAllCompleted(db, prefix, WORKFLOWS, outageNodes);
				assertCompletedExactlyOnce(db, prefix, WORKFLOWS);
				for (ChaosNode node : outageNodes) {
					assertThat(Files.readString(node.process().log()))
						.as("%s's log tells that the database was unreachable, that it backs off, and when it is over",
								node.name())
						.contains("Could not claim workflows")
						.contains("retrying in")
						.contains("Claiming workflows again");
				}
			}
			finally {
				for (ChaosNode node : outageNodes) {
					node.close();
				}
			}
		}
	}

	private ChaosJournal journal() {
		assertThat(this.journal).as("the shared schema's journal").isNotNull();
		return this.journal;
	}

	@Test
	@Timeout(120)
	void aValuePublishedOnOneNodeIsReadByReadersWaitingOnTheOthers() throws Exception {
		ensureAllRunning();
		String id = "published-" + UUID.randomUUID();
		JvmProcess starter = this.nodes.get(0).process();
		starter.post("/test/stages/relay/" + id, "");
		starter.awaitBody("/actuator/workflows/" + id, (body) -> "WAITING".equals(JsonPath.read(body, "$.status")),
				Duration.ofSeconds(30));
		List<CompletableFuture<String>> readers = new ArrayList<>();
		for (ChaosNode node : this.nodes) {
			readers.add(CompletableFuture.supplyAsync(() -> read(node.process(), "/test/stages/" + id + "?millis=8000")));
		}
		Thread.sleep(500);
		starter.post("/actuator/workflows/" + id + "/signal", "{\"name\":\"go\",\"payload\":\"\\\"PACKED\\\"\"}");
		String done = starter.awaitBody("/actuator/workflows/" + id,
				(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(30));
		List<String> publishedAt = JsonPath.read(done, "$.events[?(@.type == 'EVENT_PUBLISHED')].timestamp");
		List<String> latencies = new ArrayList<>();
		int elsewhere = 0;
		for (int i = 0; i < this.nodes.size(); i++) {
			String answer = readers.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
			ChaosNode node = this.nodes.get(i);
			assertThat((String) JsonPath.read(answer, "$.stage")).as("the value read on %s", node.name())
				.isEqualTo("PACKED");
			boolean here = JsonPath.read(read(node.process(), "/test/stages/" + id + "/published-here"), "$.here");
			elsewhere += here ? 0 : 1;
			long millis = Duration.between(java.time.Instant.parse(publishedAt.get(0)),
					java.time.Instant.parse(JsonPath.read(answer, "$.returnedAt"))).toMillis();
			if (!here) {
				// Not a speed bound: a reader that missed the notification returns only at the end of its 8 s wait.
				assertThat(millis).as("ms until %s, which waits 8 s and polls every 30 s, saw the value", node.name())
					.isLessThan(5000);
			}
			latencies.add(node.name() + (here ? " (published there)" : " (published on another node)") + ": " + millis
					+ " ms");
		}
		assertThat(elsewhere).as("readers on nodes that did not publish the value, woken by its notification")
			.isEqualTo(2);
		System.out.printf("getEvent returned after the setEvent step: %s%n", latencies);
	}

	private static String read(JvmProcess process, String path) {
		try {
			return process.get(path).body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void ensureAllRunning() throws Exception {
		List<ChaosNode> stopped = this.nodes.stream().filter((node) -> !node.isRunning()).toList();
		ChaosNode.startAll(stopped);
	}

	/**
	 * Wait until a node runs at least {@code atLeast} of the batch's workflows at once.
	 */
	private static void awaitRunningOn(ChaosJournal db, ChaosNode node, String prefix, int atLeast) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (db.runningOn(node.name(), prefix).size() < atLeast) {
			assertThat(System.nanoTime())
				.as("%s running %d of batch %s at once; statuses %s", node.name(), atLeast, prefix,
						db.statusCounts(prefix))
				.isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/**
	 * Wait until every workflow a stopped node held has been claimed by another node (a new run
	 * token, or none once it moved on to a wait or its end), or a bound passes (a row a paused node
	 * holds locked in an open transaction cannot be taken over).
	 */
	private static List<String> awaitTakeOver(ChaosJournal db, Map<String, String> frozen) throws Exception {
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

	private void awaitAllCompleted(ChaosJournal db, String prefix, int count) throws Exception {
		awaitAllCompleted(db, prefix, count, this.nodes);
	}

	private static void awaitAllCompleted(ChaosJournal db, String prefix, int count, List<ChaosNode> nodes)
			throws Exception {
		ChaosJournal.awaitAllCompleted(prefix, count, ALL_COMPLETE, () -> db.statusCounts(prefix),
				() -> db.describeNotCompleted(prefix) + ChaosNode.logs(nodes));
	}

	/**
	 * Each of the batch's workflows completed, each transactional step committed once, and each
	 * journal is exactly start, step 1, timer, step 3, end, numbered 1 to 5.
	 */
	private static void assertCompletedExactlyOnce(ChaosJournal db, String prefix, int count) throws SQLException {
		List<String> ids = IntStream.rangeClosed(1, count).mapToObj((i) -> ChaosController.id(prefix, i)).toList();
		db.assertNothingLostOrStuck(prefix, ids);
		assertThat(db.statusCounts(prefix)).as("workflows of batch %s", prefix).isEqualTo(Map.of("COMPLETED", count));
	}

}
