package dev.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.QueueRunStats;
import dev.durable.testapp.QueuedWorkflow;
import dev.durable.testapp.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queues on every supported database, on one node: a queue's concurrency and node-concurrency
 * bound how many of its workflows run at once (a waiting one keeps its place), its rate limit
 * bounds how many begin in any period, and the highest priority begins first once there is
 * room. Each workflow records its begin and end ({@code QueueRuns}); the checks read those.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "durable.queues.pair.concurrency=2", "durable.queues.pernode.node-concurrency=2",
				"durable.queues.solo.concurrency=1", "durable.queues.metered.concurrency=1",
				"durable.queues.gated.concurrency=1",
				"durable.queues.rated.rate-limit=3", "durable.queues.rated.rate-period=1s" })
abstract class AbstractQueuesIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@Autowired
	QueuedWorkflow workflows;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void aQueueRunsAtMostItsConcurrencyAtOnceAndEveryWorkflowEnds() {
		String prefix = "pair-" + shortId();
		startAndAwait("pair", prefix, 8, 300);
		List<long[]> runs = QueueRunStats.read(this.jdbc, prefix);
		assertThat(runs).hasSize(8).allSatisfy((run) -> assertThat(run[1]).as("ended").isPositive());
		assertThat(QueueRunStats.maxOverlap(runs)).as("most workflows of the queue at once").isEqualTo(2);
	}

	@Test
	void aQueueRunsAtMostItsNodeConcurrencyOnOneNode() {
		String prefix = "pernode-" + shortId();
		List<WorkflowHandle<String>> handles = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			String id = prefix + "-" + i;
			// Held on this node's thread: a workflow suspended in a wait holds no node's place.
			handles.add(this.client.start(StartOptions.id(id).queue("pernode"), () -> this.workflows.busy(id, 300)));
		}
		handles.forEach((handle) -> handle.await(AWAIT));
		List<long[]> runs = QueueRunStats.read(this.jdbc, prefix);
		assertThat(runs).hasSize(8);
		assertThat(QueueRunStats.maxOverlap(runs)).as("most workflows of the queue at once on this node")
			.isEqualTo(2);
	}

	@Test
	void aRateLimitedQueueBeginsAtMostItsLimitInAnyPeriod() {
		String prefix = "rated-" + shortId();
		startAndAwait("rated", prefix, 9, 0);
		List<long[]> begins = QueueRunStats.begins(this.jdbc, prefix);
		assertThat(begins).hasSize(9).allSatisfy((begin) -> assertThat(begin[0]).as("began").isPositive());
		assertThat(QueueRunStats.maxStartsInWindow(begins, 1000)).as("most begins within one second").isEqualTo(3);
	}

	@Test
	void aWaitingWorkflowKeepsItsPlaceAndTheHighestPriorityBeginsFirstOnceThereIsRoom() throws Exception {
		String prefix = "solo-" + shortId();
		String blocker = prefix + "-0";
		WorkflowHandle<String> held = this.client.start(StartOptions.id(blocker).queue("solo"),
				() -> this.workflows.untilSignalled(blocker));
		WorkflowAwaits.status(held, WorkflowStatus.WAITING, AWAIT);
		List<WorkflowHandle<String>> handles = new ArrayList<>();
		int[] priorities = { 0, 1, 5 };
		for (int i = 1; i <= 3; i++) {
			String id = prefix + "-" + i;
			handles.add(this.client.start(StartOptions.id(id).queue("solo").priority(priorities[i - 1]),
					() -> this.workflows.work(id, 0)));
		}
		// Several polls pass while the waiting workflow holds the queue's one place.
		Thread.sleep(1500);
		assertThat(handles).extracting(WorkflowHandle::status).containsOnly(WorkflowStatus.PENDING);
		this.client.signal(blocker, "go", "now");
		held.await(AWAIT);
		handles.forEach((handle) -> handle.await(AWAIT));
		List<long[]> runs = QueueRunStats.read(this.jdbc, prefix);
		assertThat(runs).extracting((run) -> run[2]).as("workflows by begin").containsExactly(0L, 3L, 2L, 1L);
	}

	@Test
	void aQueuedWorkflowCancelledOrPastItsTimeoutEndsWithoutWaitingForRoom() throws Exception {
		String prefix = "gated-" + shortId();
		String blocker = prefix + "-0";
		WorkflowHandle<String> held = this.client.start(StartOptions.id(blocker).queue("gated"),
				() -> this.workflows.untilSignalled(blocker));
		WorkflowAwaits.status(held, WorkflowStatus.WAITING, AWAIT);
		String cancelled = prefix + "-1";
		WorkflowHandle<String> cancelledHandle = this.client.start(StartOptions.id(cancelled).queue("gated"),
				() -> this.workflows.work(cancelled, 0));
		String timedOut = prefix + "-2";
		WorkflowHandle<String> timedOutHandle = this.client.start(
				StartOptions.id(timedOut).queue("gated").timeout(Duration.ofSeconds(1)),
				() -> this.workflows.work(timedOut, 0));
		this.client.cancel(cancelled);
		WorkflowAwaits.status(cancelledHandle, WorkflowStatus.CANCELLED, AWAIT);
		WorkflowAwaits.status(timedOutHandle, WorkflowStatus.CANCELLED, AWAIT);
		assertThat(held.status()).as("the workflow holding the queue's one place").isEqualTo(WorkflowStatus.WAITING);
		this.client.signal(blocker, "go", "now");
		held.await(AWAIT);
	}

	@Test
	void gaugesTellEachQueuesDepthAndRunningWorkflows() throws Exception {
		String prefix = "metered-" + shortId();
		String blocker = prefix + "-0";
		WorkflowHandle<String> held = this.client.start(StartOptions.id(blocker).queue("metered"),
				() -> this.workflows.untilSignalled(blocker));
		WorkflowAwaits.status(held, WorkflowStatus.WAITING, AWAIT);
		List<WorkflowHandle<String>> waiting = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			String id = prefix + "-" + i;
			waiting.add(this.client.start(StartOptions.id(id).queue("metered"), () -> this.workflows.work(id, 0)));
		}
		// The gauges reuse a count for 10 s.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (gauge("durable.queue.depth", "metered") != 2 || gauge("durable.queue.running", "metered") != 1) {
			assertThat(System.nanoTime()).as("depth %s, running %s", gauge("durable.queue.depth", "metered"),
					gauge("durable.queue.running", "metered")).isLessThan(deadline);
			Thread.sleep(200);
		}
		this.client.signal(blocker, "go", "now");
		held.await(AWAIT);
		waiting.forEach((handle) -> handle.await(AWAIT));
	}

	private double gauge(String name, String queue) {
		return this.meters.get(name).tag("queue", queue).gauge().value();
	}

	private void startAndAwait(String queue, String prefix, int count, long millis) {
		List<WorkflowHandle<String>> handles = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String id = prefix + "-" + i;
			handles.add(this.client.start(StartOptions.id(id).queue(queue), () -> this.workflows.work(id, millis)));
		}
		for (WorkflowHandle<String> handle : handles) {
			assertThat(handle.await(AWAIT)).isEqualTo(handle.workflowId());
		}
	}

	private static String shortId() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
