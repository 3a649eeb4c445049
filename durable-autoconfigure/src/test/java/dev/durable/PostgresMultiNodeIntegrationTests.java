package dev.durable;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;

import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.PrivatePostgresServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-node process test on PostgreSQL; a value published on one node read by readers
 * waiting on the others, told by PostgreSQL's notifications; and two more chaos: a rolling restart of all nodes,
 * and the database itself stopped and started mid-run, on a private server. The rolling restart
 * hands claims back through the same statements on every database; it runs here only, to keep the
 * MariaDB suite within CI's time.
 */
class PostgresMultiNodeIntegrationTests extends AbstractMultiNodeIntegrationTests {

	private static final String PASSWORD = System.getProperty("durable.test.postgres.password", "");

	private @Nullable PostgresTestDatabase database;

	@Override
	ChaosJournal createDatabase() {
		PostgresTestDatabase schema = PostgresTestDatabase.create();
		this.database = schema;
		return new ChaosJournal(schema.url(), PostgresTestDatabase.USER, PASSWORD);
	}

	@Override
	List<String> nodeArguments(Duration lease) {
		return ChaosNode.postgresArguments(this.database.url(), PostgresTestDatabase.USER, lease,
				// Longer than the readers wait: only the notification can bring them a value.
				"--durable.events.poll-interval=30s");
	}

	@Override
	void dropDatabase() {
		if (this.database != null) {
			this.database.drop();
		}
	}

	// Last, so that no test after it needs the killed node started again.
	@Test
	@Order(Integer.MAX_VALUE)
	@Timeout(180)
	void workflowsClaimedAtTheirStartByANodeThatIsThenKilledAreTakenOverByAnother() throws Exception {
		ensureAllRunning();
		ChaosJournal db = journal();
		String prefix = "sc-" + UUID.randomUUID().toString().substring(0, 6);
		ChaosNode starter = this.nodes.get(0);
		// As many as its worker threads: each start finds one free and claims its workflow as it creates it.
		int count = 4;
		starter.startWorkflows(prefix, 1, count, 800);
		Map<String, String> claimedAtStart = db.runningOn(starter.name(), prefix);
		assertThat(claimedAtStart).as("workflows of batch %s running on %s the moment their starts answered", prefix,
				starter.name()).hasSize(count);
		starter.process().killHard();

		List<String> takenOver = awaitTakeOver(db, claimedAtStart);
		assertThat(takenOver).as("workflows claimed at start by the killed %s, taken over by the other nodes",
				starter.name()).containsExactlyInAnyOrderElementsOf(claimedAtStart.keySet());
		awaitAllCompleted(db, prefix, count);
		assertCompletedExactlyOnce(db, prefix, count);
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

}
