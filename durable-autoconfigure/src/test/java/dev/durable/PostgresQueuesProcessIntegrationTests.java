package dev.durable;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.PostgresNodes;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.QueueRunStats;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queues across two real application processes sharing one PostgreSQL schema: a queue's
 * concurrency and rate limit hold across both nodes, and its node-concurrency on each, with
 * workflows started through both. Each workflow records its begin and end and the node that began
 * it ({@code QueueRuns}); the rate limit is checked against the begins the claims recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsBesideOtherTests
class PostgresQueuesProcessIntegrationTests {

	private static final Duration ALL_COMPLETE = Duration.ofSeconds(90);

	private @Nullable PostgresNodes cluster;

	private List<ChaosNode> nodes = List.of();

	private @Nullable JdbcTemplate jdbc;

	private @Nullable ChaosJournal journal;

	@BeforeAll
	// Two JVMs starting at once on a busy 2-core machine can take a minute or more.
	@Timeout(300)
	void startNodes() throws Exception {
		this.cluster = PostgresNodes.start("queue-node", 2, Duration.ofSeconds(5), "--durable.queues.limited.concurrency=3",
				"--durable.queues.pernode.node-concurrency=2", "--durable.queues.rated.rate-limit=5",
				"--durable.queues.rated.rate-period=1s");
		this.nodes = this.cluster.nodes();
		String url = this.cluster.database().url();
		String password = System.getProperty("durable.test.postgres.password", "");
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url, PostgresTestDatabase.USER, password));
		this.journal = new ChaosJournal(url, PostgresTestDatabase.USER, password);
	}

	@AfterAll
	void stopNodes() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	@Timeout(120)
	void aQueueOfConcurrencyThreeNeverRunsMoreThanThreeAcrossTwoNodes() throws Exception {
		String prefix = "limited-" + UUID.randomUUID().toString().substring(0, 6);
		startThroughBothNodes("limited", prefix, 30, 300, false);
		awaitAllCompleted(prefix, 30);
		List<long[]> runs = QueueRunStats.read(this.jdbc, prefix);
		assertThat(runs).hasSize(30).allSatisfy((run) -> assertThat(run[1]).as("ended").isPositive());
		assertThat(QueueRunStats.maxOverlap(runs)).as("most workflows of the queue at once, across both nodes")
			.isEqualTo(3);
		assertThat(QueueRunStats.nodes(this.jdbc, prefix)).as("nodes that began workflows of the queue")
			.containsExactly("queue-node-1", "queue-node-2");
	}

	@Test
	@Timeout(120)
	void aQueueOfNodeConcurrencyTwoRunsAtMostTwoOnEachNode() throws Exception {
		String prefix = "pernode-" + UUID.randomUUID().toString().substring(0, 6);
		startThroughBothNodes("pernode", prefix, 20, 300, true);
		awaitAllCompleted(prefix, 20);
		for (ChaosNode node : this.nodes) {
			List<long[]> runs = QueueRunStats.readOn(this.jdbc, prefix, node.name());
			assertThat(runs).as("workflows %s began", node.name()).isNotEmpty();
			assertThat(QueueRunStats.maxOverlap(runs)).as("most workflows of the queue at once on %s", node.name())
				.isLessThanOrEqualTo(2);
		}
		assertThat(QueueRunStats.maxOverlap(QueueRunStats.read(this.jdbc, prefix)))
			.as("most at once across both nodes, each node at its limit for a while")
			.isGreaterThan(2);
	}

	@Test
	@Timeout(120)
	void aQueueOfFivePerSecondNeverBeginsMoreThanFiveInAnySecondAcrossTwoNodes() throws Exception {
		String prefix = "rated-" + UUID.randomUUID().toString().substring(0, 6);
		startThroughBothNodes("rated", prefix, 40, 0, false);
		awaitAllCompleted(prefix, 40);
		List<long[]> begins = QueueRunStats.begins(this.jdbc, prefix);
		assertThat(begins).hasSize(40).allSatisfy((begin) -> assertThat(begin[0]).as("began").isPositive());
		assertThat(QueueRunStats.maxStartsInWindow(begins, 1000)).as("most begins within one second").isEqualTo(5);
		assertThat(QueueRunStats.nodes(this.jdbc, prefix)).as("nodes that began workflows of the queue")
			.containsExactly("queue-node-1", "queue-node-2");
	}

	private void startThroughBothNodes(String queue, String prefix, int count, long millis, boolean hold)
			throws Exception {
		int half = count / 2;
		for (int i = 0; i < 2; i++) {
			var response = this.nodes.get(i)
				.process()
				.post("/test/queue?queue=" + queue + "&prefix=" + prefix + "&from=" + (1 + i * half) + "&count="
						+ half + "&millis=" + millis + "&hold=" + hold, "");
			assertThat(response.statusCode()).as("start through %s: %s", this.nodes.get(i).name(), response.body())
				.isEqualTo(200);
		}
	}

	private void awaitAllCompleted(String prefix, int count) throws Exception {
		ChaosJournal.awaitAllCompleted(prefix, count, ALL_COMPLETE, () -> this.journal.statusCounts(prefix),
				() -> this.journal.describeNotCompleted(prefix) + ChaosNode.logs(this.nodes));
	}

}
