package dev.durable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.Calls;
import dev.durable.testapp.EscalationWorkflow;
import dev.durable.testapp.Line;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Operating workflows on every supported database, over real HTTP: the endpoint's write
 * operations and list filters, the Micrometer meters and the {@code durable} health.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowOperationsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	OrderWorkflow orders;

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	EscalationWorkflow escalations;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Test
	void aSignalPostedToTheEndpointReachesTheWaitingWorkflow() throws Exception {
		String id = "op-signal-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		HttpResponse<String> response = post("/actuator/workflows/" + id + "/signal",
				"{\"name\":\"decision\",\"payload\":\"{\\\"approvedBy\\\":\\\"ada\\\",\\\"approved\\\":true}\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":\"" + id + "\"").contains("\"action\":\"signal\"");
		assertThat(handle.await(AWAIT)).isEqualTo("ada approved");
	}

	@Test
	void aSignalWithoutAPayloadPostedToTheEndpointIsRejectedAndShownInTheWorkflowsJournal() throws Exception {
		String id = "op-no-payload-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		assertThat(post("/actuator/workflows/" + id + "/signal", "{\"name\":\"decision\"}").statusCode()).isEqualTo(200);
		WorkflowAwaits.event(this.store, handle, EventKind.SIGNAL_REJECTED, AWAIT);
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		String detail = get("/actuator/workflows/" + id).body();
		assertThat(detail).contains("\"type\":\"SIGNAL_REJECTED\"").contains("signal 'decision'").contains("no payload");
		post("/actuator/workflows/" + id + "/signal",
				"{\"name\":\"decision\",\"payload\":\"{\\\"approvedBy\\\":\\\"ada\\\",\\\"approved\\\":true}\"}");
		assertThat(handle.await(AWAIT)).isEqualTo("ada approved");
	}

	@Test
	void aSignalToAnUnknownWorkflowIs404AndSaysHowToFindOne() throws Exception {
		HttpResponse<String> response = post("/actuator/workflows/no-such-workflow/signal",
				"{\"name\":\"decision\",\"payload\":\"true\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("no-such-workflow").contains("GET .../actuator/workflows");
	}

	@Test
	void aSignalWithoutANameOrWithAPayloadThatIsNotJsonIs400() throws Exception {
		String id = "op-bad-signal-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		HttpResponse<String> noName = post("/actuator/workflows/" + id + "/signal", "{\"payload\":\"true\"}");
		assertThat(noName.statusCode()).isEqualTo(400);
		assertThat(noName.body()).contains("has no name").contains("\\\"name\\\":\\\"approval\\\"");
		HttpResponse<String> badPayload = post("/actuator/workflows/" + id + "/signal",
				"{\"name\":\"decision\",\"payload\":\"{approved\"}");
		assertThat(badPayload.statusCode()).isEqualTo(400);
		assertThat(badPayload.body()).contains("signal 'decision'").contains("is not JSON text");
		assertThat(this.client.handle(id).status()).isNotIn(WorkflowStatus.COMPLETED, WorkflowStatus.FAILED);
		this.client.cancel(id);
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT));
	}

	@Test
	void aSignalToAnEndedWorkflowIs409() throws Exception {
		String id = "op-ended-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		HttpResponse<String> response = post("/actuator/workflows/" + id + "/signal",
				"{\"name\":\"decision\",\"payload\":\"1\"}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("has ended (status COMPLETED)").contains("decision");
	}

	@Test
	void anUnknownActionIs400AndNamesTheOnesThatExist() throws Exception {
		HttpResponse<String> response = post("/actuator/workflows/any/pause", "{}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown action 'pause'").contains("/retry").contains("DELETE");
	}

	@Test
	void deleteCancelsAWaitingWorkflowAnd409sForACompletedOne() throws Exception {
		String id = "op-cancel-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		HttpResponse<String> response = delete("/actuator/workflows/" + id);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"action\":\"cancel\"");
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT));
		assertThat(delete("/actuator/workflows/" + id).statusCode()).as("cancelling again").isEqualTo(200);
		assertThat(delete("/actuator/workflows/no-such-workflow").statusCode()).isEqualTo(404);
		String done = "op-done-" + UUID.randomUUID();
		this.client.start(done, () -> this.orders.count(done)).await(AWAIT);
		HttpResponse<String> conflict = delete("/actuator/workflows/" + done);
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("already ended (status COMPLETED)");
	}

	@Test
	void childWorkflowsAreShownSignalledCancelledAndRetriedByTheirIdWithASlash() throws Exception {
		String id = "op-child-" + UUID.randomUUID();
		WorkflowHandle<String> parent = this.client.start(id, () -> this.escalations.escalate(id));
		String child = id + "/1";
		WorkflowAwaits.status(this.store, child, WorkflowStatus.WAITING, AWAIT);
		HttpResponse<String> shown = get("/actuator/workflows/" + child);
		assertThat(shown.statusCode()).isEqualTo(200);
		assertThat(shown.body()).contains("\"id\":\"" + child + "\"").contains("ApprovalWorkflow.approve");
		HttpResponse<String> signalled = post("/actuator/workflows/" + child + "/signal",
				"{\"name\":\"decision\",\"payload\":\"{\\\"approvedBy\\\":\\\"ada\\\",\\\"approved\\\":true}\"}");
		assertThat(signalled.statusCode()).isEqualTo(200);
		assertThat(signalled.body()).contains("\"id\":\"" + child + "\"");
		assertThat(parent.await(AWAIT)).isEqualTo("escalated: ada approved");

		String cancelled = "op-child-cancel-" + UUID.randomUUID();
		WorkflowHandle<String> cancelledParent = this.client.start(cancelled,
				() -> this.escalations.escalate(cancelled));
		WorkflowAwaits.status(this.store, cancelled + "/1", WorkflowStatus.WAITING, AWAIT);
		assertThat(delete("/actuator/workflows/" + cancelled + "/1").statusCode()).isEqualTo(200);
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> cancelledParent.await(AWAIT));
		assertThat(this.client.handle(cancelled + "/1").status()).isEqualTo(WorkflowStatus.CANCELLED);

		String failed = "op-child-retry-" + UUID.randomUUID();
		this.client.start(failed, () -> this.approvals.parent(failed)).await(AWAIT);
		String failedChild = failed + "/2";
		assertThat(this.client.handle(failedChild).status()).isEqualTo(WorkflowStatus.FAILED);
		HttpResponse<String> retried = post("/actuator/workflows/" + failedChild + "/retry", "{}");
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(retried.body()).contains("\"id\":\"" + failedChild + "\"").contains("\"action\":\"retry\"");
	}

	@Test
	void retryAfterANonDeterminismFixResumesFromTheJournalWithoutRunningRecordedSteps() throws Exception {
		String id = "op-retry-nd-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.orders.sleepThenShip(id));
		try {
			WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
			OrderWorkflow.changedCode = true;
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
				.satisfies((ex) -> assertThat(ex.getErrorType())
					.isEqualTo(NonDeterministicWorkflowException.class.getName()));
		}
		finally {
			// The code fix: the old path is back.
			OrderWorkflow.changedCode = false;
		}
		HttpResponse<String> response = post("/actuator/workflows/" + id + "/retry", "");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"action\":\"retry\"");
		assertThat(handle.await(AWAIT)).isEqualTo("done");
		assertThat(this.calls.count("reserve:" + id)).isEqualTo(1);
		assertThat(this.calls.count("charge:" + id)).isZero();
		assertThat(this.calls.count("ship:" + id)).isEqualTo(1);
		List<JournalEvent> journal = this.store.journal(id);
		assertThat(journal).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.ACTIVITY_COMPLETED, EventKind.TIMER_STARTED,
					EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_COMPLETED);
		assertThat(journal).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	@Test
	void retryKeepsRecordedStepsSoAWorkflowThatStillThrowsFailsAgainWithoutRepeatingThem() throws Exception {
		String id = "op-retry-fails-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.orders.fails(id));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT));
		assertThat(post("/actuator/workflows/" + id + "/retry", "").statusCode()).isEqualTo(200);
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("order " + id + " is invalid");
		assertThat(this.calls.count("reserve:" + id)).isEqualTo(1);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_FAILED);
	}

	@Test
	void retryOfAWorkflowThatHasNotFailedIs409AndOfAnUnknownOne404() throws Exception {
		String id = "op-retry-done-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		HttpResponse<String> conflict = post("/actuator/workflows/" + id + "/retry", "");
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("'" + id + "' is COMPLETED, not FAILED").contains("start a new workflow");
		assertThat(post("/actuator/workflows/no-such-workflow/retry", "").statusCode()).isEqualTo(404);
	}

	@Test
	void theListFiltersByTypeAndCreationTime() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		String id = "op-list-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.process(id, List.of(new Line("fig", 1)))).await(AWAIT);
		String byType = get("/actuator/workflows?type=OrderWorkflow.process&createdAfter=" + before + "&limit=1000").body();
		assertThat(byType).contains("\"id\":\"" + id + "\"").doesNotContain("OrderWorkflow.count");
		assertThat(get("/actuator/workflows?type=OrderWorkflow.count&limit=1000").body()).doesNotContain(id);
		assertThat(get("/actuator/workflows?createdBefore=" + before + "&limit=1000").body()).doesNotContain(id);
		HttpResponse<String> badInstant = get("/actuator/workflows?createdAfter=yesterday");
		assertThat(badInstant.statusCode()).isEqualTo(400);
		assertThat(get("/actuator/workflows?limit=10001").statusCode()).isEqualTo(400);
	}

	@Test
	void metersCountStartsEndsAndActivityAttemptsAsWorkflowsRun() throws InterruptedException {
		double started = count("durable.workflows.started", "type", "OrderWorkflow.flaky");
		double completed = count("durable.workflows.completed", "type", "OrderWorkflow.flaky");
		double failedAttempts = attempts("failure");
		double succeededAttempts = attempts("success");
		String id = "op-meters-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.flaky(id, 1)).await(AWAIT);
		assertThat(count("durable.workflows.started", "type", "OrderWorkflow.flaky")).isEqualTo(started + 1);
		// An end is counted just after it is committed, which await may see first.
		awaitCount("durable.workflows.completed", "OrderWorkflow.flaky", completed + 1);
		assertThat(attempts("failure")).isEqualTo(failedAttempts + 1);
		assertThat(attempts("success")).isEqualTo(succeededAttempts + 1);
		Timer timer = this.meters.get("durable.activity.duration")
			.tag("activity", "Warehouse.flaky")
			.tag("outcome", "success")
			.timer();
		assertThat(timer.count()).isGreaterThanOrEqualTo(1);
		// Started through the client, the workflow was claimed by a worker: its lag was measured.
		assertThat(this.meters.get("durable.workflows.claim.lag").timer().count()).isPositive();
		String failing = "op-meters-failed-" + UUID.randomUUID();
		double failed = count("durable.workflows.failed", "type", "OrderWorkflow.fails");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.start(failing, () -> this.orders.fails(failing)).await(AWAIT));
		awaitCount("durable.workflows.failed", "OrderWorkflow.fails", failed + 1);
		assertThat(this.meters.get("durable.workflows").tag("status", "COMPLETED").gauge().value()).isPositive();
	}

	@Test
	void healthIsUpWithTheWorkerStateAndTheOverdueCount() throws Exception {
		HttpResponse<String> health = get("/actuator/health/durable");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"")
			.contains("\"worker\":\"running\"")
			.containsPattern("\"overdue\":\\d+")
			.contains("\"overdueAfter\":\"PT5M\"");
	}

	@Test
	void theDashboardPageIsServedUnderDurable() throws Exception {
		HttpResponse<String> page = get("/durable/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Durable workflows</title>").contains("app.js").contains("console.css");
		// No inline script or style, so that a strict Content-Security-Policy works.
		assertThat(page.body()).doesNotContain("<style").doesNotContain(" style=").doesNotContainPattern("<script>");
		for (String file : List.of("api.js", "format.js", "overview.js", "list.js", "timeline.js", "workflow.js", "app.js",
				"console.css")) {
			assertThat(get("/durable/" + file).statusCode()).as(file).isEqualTo(200);
		}
		assertThat(get("/durable/api.js").body()).contains("/actuator/workflows");
		assertThat(get("/durable/format.js").body()).contains("textContent").doesNotContain("innerHTML");
	}


	private double count(String name, String tag, String value) {
		var counter = this.meters.find(name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void awaitCount(String name, String type, double expected) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (count(name, "type", type) < expected) {
			assertThat(System.nanoTime()).as("waiting for " + name + " to reach " + expected).isLessThan(deadline);
			Thread.sleep(10);
		}
		assertThat(count(name, "type", type)).isEqualTo(expected);
	}

	private double attempts(String outcome) {
		var counter = this.meters.find("durable.activity.attempts")
			.tag("activity", "Warehouse.flaky")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).build());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpResponse<String> delete(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
