package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.ChaosController;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out under chaos: three real application processes (nodes) share one database and its
 * workflows, while nodes are killed with {@code kill -9}, paused past their lease with
 * {@code SIGSTOP}. A subclass per database creates the database and gives the nodes' arguments.
 * Every workflow must complete, every transactional activity must have committed exactly once,
 * and every journal must run 1..n without a gap or a second record of a step.
 *
 * <p>The workflow ({@code ChaosWorkflow}) runs a transactional activity that writes a row into the
 * application's table {@code chaos_step}, sleeps durably (it suspends and is claimed again, by any
 * node), and runs a second such activity. The table has no unique key: a step committed twice
 * would show as two rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Tests that kill a node for good run last (@Order): each test starts the nodes it finds stopped.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunsBesideOtherTests
abstract class AbstractMultiNodeIntegrationTests {

	static final int WORKFLOWS = 300;

	static final long SLEEP_MILLIS = 300;

	static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration ALL_COMPLETE = Duration.ofSeconds(120);

	private static final String FENCED = "no longer holds the claim";

	final Path workDir = Path.of("target", "multi-node-" + UUID.randomUUID().toString().substring(0, 8))
		.toAbsolutePath();

	private @Nullable ChaosJournal journal;

	final List<ChaosNode> nodes = new ArrayList<>();

	@BeforeAll
	// Three JVMs starting at once on a busy 2-core machine have taken over two minutes.
	@Timeout(300)
	void startNodes() throws Exception {
		Files.createDirectories(this.workDir);
		ChaosJournal db = createDatabase();
		db.createStepTable();
		this.journal = db;
		for (int i = 1; i <= 3; i++) {
			this.nodes.add(new ChaosNode("node-" + i, this.workDir, nodeArguments(LEASE)));
		}
		ChaosNode.startAll(this.nodes);
	}

	@AfterAll
	void stopNodes() throws Exception {
		for (ChaosNode node : this.nodes) {
			node.close();
		}
		dropDatabase();
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

	/**
	 * Create this test's database.
	 * @return a view of it
	 */
	abstract ChaosJournal createDatabase() throws Exception;

	/** The arguments a node runs with on this test's database. */
	abstract List<String> nodeArguments(Duration lease);

	/** Drop this test's database, if it was created. */
	abstract void dropDatabase();

	ChaosJournal journal() {
		assertThat(this.journal).as("the shared schema's journal").isNotNull();
		return this.journal;
	}

	void ensureAllRunning() throws Exception {
		List<ChaosNode> stopped = this.nodes.stream().filter((node) -> !node.isRunning()).toList();
		ChaosNode.startAll(stopped);
	}

	/**
	 * Wait until a node runs at least {@code atLeast} of the batch's workflows at once.
	 */
	static void awaitRunningOn(ChaosJournal db, ChaosNode node, String prefix, int atLeast) throws Exception {
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
	static List<String> awaitTakeOver(ChaosJournal db, Map<String, String> frozen) throws Exception {
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

	void awaitAllCompleted(ChaosJournal db, String prefix, int count) throws Exception {
		awaitAllCompleted(db, prefix, count, this.nodes);
	}

	static void awaitAllCompleted(ChaosJournal db, String prefix, int count, List<ChaosNode> nodes)
			throws Exception {
		ChaosJournal.awaitAllCompleted(prefix, count, ALL_COMPLETE, () -> db.statusCounts(prefix),
				() -> db.describeNotCompleted(prefix) + ChaosNode.logs(nodes));
	}

	/**
	 * Each of the batch's workflows completed, each transactional step committed once, and each
	 * journal is exactly start, step 1, timer, step 3, end, numbered 1 to 5.
	 */
	static void assertCompletedExactlyOnce(ChaosJournal db, String prefix, int count) throws SQLException {
		List<String> ids = IntStream.rangeClosed(1, count).mapToObj((i) -> ChaosController.id(prefix, i)).toList();
		db.assertNothingLostOrStuck(prefix, ids);
		assertThat(db.statusCounts(prefix)).as("workflows of batch %s", prefix).isEqualTo(Map.of("COMPLETED", count));
	}

}
