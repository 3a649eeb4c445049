package dev.durable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.ChaosNode;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresNodes;
import dev.durable.test.RunsBesideOtherTests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Child workflows started with {@code Workflow.async} are workflows of their own: on two real
 * application processes sharing one PostgreSQL database, a parent's children are claimed by both
 * nodes, and the parent, woken as they end, completes with every child's result in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsBesideOtherTests
class PostgresParallelChildrenIntegrationTests {

	private static final int CHILDREN = 10;

	/** Long enough that one node's four workers cannot run every child before the other claims some. */
	private static final long CHILD_MILLIS = 1000;

	private @Nullable PostgresNodes cluster;

	private List<ChaosNode> nodes = List.of();

	@BeforeAll
	// Two JVMs starting at once on a busy 2-core machine can take a minute or more.
	@Timeout(300)
	void startNodes() throws Exception {
		this.cluster = PostgresNodes.start("node", 2, Duration.ofSeconds(3));
		this.nodes = this.cluster.nodes();
	}

	@AfterAll
	void stopNodes() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	@Timeout(60)
	void childrenStartedWithAsyncRunOnBothNodesAndTheParentCompletesWithEveryResult() throws Exception {
		String id = "children-" + UUID.randomUUID().toString().substring(0, 8);
		JvmProcess first = this.nodes.get(0).process();
		long began = System.nanoTime();
		assertThat(first.post("/test/parallel-children/" + id + "?count=" + CHILDREN + "&millis=" + CHILD_MILLIS, "")
			.statusCode()).isEqualTo(200);
		String done = first.awaitBody("/actuator/workflows/" + id, (body) -> ended(body), Duration.ofSeconds(45));
		long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
		assertThat((String) JsonPath.read(done, "$.status")).as("the parent; %s%s", done, ChaosNode.logs(this.nodes))
			.isEqualTo("COMPLETED");

		List<String> results = JsonPath.read(done, "$.result");
		assertThat(results).hasSize(CHILDREN);
		Map<String, Integer> perNode = new TreeMap<>();
		for (int i = 0; i < CHILDREN; i++) {
			assertThat(results.get(i)).as("the result of child %d, in the order the parent started them", i)
				.startsWith("child " + i + " ran on node-");
			perNode.merge(results.get(i).substring(results.get(i).lastIndexOf(' ') + 1), 1, Integer::sum);
		}
		assertThat(perNode).as("children per node").containsOnlyKeys("node-1", "node-2");
		for (int step = 1; step <= CHILDREN; step++) {
			String child = first.get("/actuator/workflows/" + id + "/" + step).body();
			assertThat((String) JsonPath.read(child, "$.status")).as("child workflow %s/%d", id, step)
				.isEqualTo("COMPLETED");
		}
		System.out.printf("Parallel children: %d children of %d ms on two nodes %s; the parent ended after %d ms%n",
				CHILDREN, CHILD_MILLIS, perNode, millis);
	}

	private static boolean ended(String body) {
		String status = JsonPath.read(body, "$.status");
		return "COMPLETED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
	}

}
