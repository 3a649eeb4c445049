package dev.durable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.Calls;
import dev.durable.testapp.CheckoutService;
import dev.durable.testapp.EscalationWorkflow;
import dev.durable.testapp.Ledger;
import dev.durable.testapp.Line;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.Receipt;
import dev.durable.testapp.ShopOrderRepository;
import dev.durable.testapp.TestApplication;
import dev.durable.testapp.Unwritable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the engine must do on every supported database: journal, replay, idempotent start,
 * typed results, non-determinism, failures, the transactional outbox and the endpoint.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowEngineIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	@Autowired
	OrderWorkflow orders;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Autowired
	CheckoutService checkout;

	@Autowired
	ShopOrderRepository shopOrders;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DurableEngine engine;

	@Autowired
	dev.durable.testapp.ApprovalWorkflow approvals;

	@Autowired
	EscalationWorkflow escalations;

	@LocalServerPort
	int port;

	@Test
	void threeActivityWorkflowCompletesAndItsJournalHoldsTheStepsInOrder() {
		String id = "o-" + UUID.randomUUID();
		WorkflowHandle<Receipt> handle = this.client.start(id,
				() -> this.orders.process(id, List.of(new Line("apple", 2))));
		Receipt receipt = handle.await(AWAIT);
		assertThat(receipt).isEqualTo(new Receipt(id, "R-" + id + "-1", "C-" + id + "-1299", List.of(new Line("apple", 2))));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind, JournalEvent::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.WORKFLOW_STARTED, "OrderWorkflow.process"),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, "Warehouse.reserve"),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, "Warehouse.charge"),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, "Warehouse.ship"),
					org.assertj.core.groups.Tuple.tuple(EventKind.WORKFLOW_COMPLETED, "OrderWorkflow.process"));
		assertThat(this.store.journal(id)).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(this.calls.count("reserve:" + id)).isEqualTo(1);
		assertThat(this.calls.count("ship:" + id)).isEqualTo(1);
	}

	@Test
	void aChildWorkflowsLastActivityIsRecordedWithTheChildsEnd() {
		// The child's last completion waits for its end, which a child writes apart from the shared
		// commits (it wakes its parent in the same transaction): both must reach the journal.
		String id = "child-end-" + UUID.randomUUID();
		assertThat(this.client.start(id, () -> this.escalations.countThrough(id, 2)).await(AWAIT))
			.isEqualTo("counted 2");
		assertThat(this.store.journal(id + "/1")).extracting(JournalEvent::kind, JournalEvent::step)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.WORKFLOW_STARTED, 0),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, 1),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, 2),
					org.assertj.core.groups.Tuple.tuple(EventKind.WORKFLOW_COMPLETED, 0));
	}

	@Test
	void directCallOfAnEntryPointRunsTheWorkflowAndReturnsItsResult() {
		String id = "direct-" + UUID.randomUUID();
		Receipt receipt = this.orders.process(id, List.of(new Line("pear", 3)));
		assertThat(receipt.charge()).isEqualTo("C-" + id + "-1299");
		assertThat(this.store.recent(WorkflowStatus.COMPLETED, 1000))
			.anySatisfy((workflow) -> assertThat(workflow.input()).contains(id));
	}

	@Test
	void aWorkflowStartedTwiceWithTheSameIdRunsOnce() {
		String id = "dup-" + UUID.randomUUID();
		WorkflowHandle<Integer> first = this.client.start(id, () -> this.orders.count(id));
		WorkflowHandle<Integer> second = this.client.start(id, () -> this.orders.count(id));
		assertThat(first.await(AWAIT)).isEqualTo(1);
		assertThat(second.await(AWAIT)).isEqualTo(1);
		WorkflowHandle<Integer> third = this.client.start(id, () -> this.orders.count(id));
		assertThat(third.await(AWAIT)).isEqualTo(1);
		assertThat(this.calls.count("count:" + id)).isEqualTo(1);
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind() == EventKind.WORKFLOW_STARTED).hasSize(1);
	}

	@Test
	void genericResultsComeBackTypedWhenReplayedAfterASuspension() {
		String id = "typed-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.orders.typed(id));
		assertThat(handle.await(AWAIT)).isEqualTo("apple:2:apple");
		assertThat(this.calls.count("lines:" + id)).isEqualTo(1);
		assertThat(this.calls.count("linesBySku:" + id)).isEqualTo(1);
		assertThat(this.calls.count("firstLine:" + id)).isEqualTo(1);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind).contains(EventKind.TIMER_STARTED);
	}

	@Test
	void replayThatMeetsADifferentActivityStopsTheWorkflowAsNonDeterministic() throws InterruptedException {
		String id = "nd-" + UUID.randomUUID();
		try {
			WorkflowHandle<String> handle = this.client.start(id, () -> this.orders.sleepThenShip(id));
			WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
			OrderWorkflow.changedCode = true;
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
				.satisfies((ex) -> assertThat(ex.getErrorType())
					.isEqualTo(NonDeterministicWorkflowException.class.getName()))
				.withMessageContaining("Warehouse.charge")
				.withMessageContaining("Warehouse.reserve");
		}
		finally {
			OrderWorkflow.changedCode = false;
		}
		List<JournalEvent> journal = this.store.journal(id);
		assertThat(journal.get(journal.size() - 1).kind()).isEqualTo(EventKind.NON_DETERMINISM_DETECTED);
		assertThat(this.calls.count("charge:" + id)).isZero();
		assertThat(this.calls.count("ship:" + id)).isZero();
		assertThat(this.client.handle(id).status()).isEqualTo(WorkflowStatus.FAILED);
	}

	@Test
	void aReplayCheckPassesOnUnchangedCodeAndNamesTheStepOnAChangedOne() throws Exception {
		String finished = "check-" + UUID.randomUUID();
		this.client.start(finished, () -> this.orders.sleepThenShip(finished)).await(AWAIT);
		String waiting = "check-waiting-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(waiting, () -> this.orders.sleepThenShip(waiting));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		int reservations = this.calls.count("reserve:" + finished);
		assertThat(this.engine.replayChecker().check(finished).deterministic()).isTrue();
		assertThat(this.engine.replayChecker().check(waiting)).satisfies((result) -> {
			assertThat(result.deterministic()).isTrue();
			assertThat(result.detail()).contains("up to the end of the journal");
		});
		assertThat(handle.await(AWAIT)).isEqualTo("done");
		try {
			OrderWorkflow.changedCode = true;
			assertThat(this.engine.replayChecker().check(finished)).satisfies((result) -> {
				assertThat(result.deterministic()).isFalse();
				assertThat(result.detail()).contains("at step 1").contains("Warehouse.charge").contains("Warehouse.reserve");
			});
		}
		finally {
			OrderWorkflow.changedCode = false;
		}
		assertThat(this.calls.count("reserve:" + finished)).as("a check runs no activity").isEqualTo(reservations);
		assertThat(this.calls.count("charge:" + finished)).isZero();
	}

	@Test
	void unserializableArgumentsAreRejectedAtOnceAndNothingIsStored() {
		String id = "bad-" + UUID.randomUUID();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.start(id, () -> this.orders.echo(new Unwritable())))
			.withMessageContaining("OrderWorkflow.echo")
			.withMessageContaining(Unwritable.class.getName());
		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.handle(id));
		int before = this.store.recent(null, 10_000).size();
		assertThatIllegalArgumentException().isThrownBy(() -> this.orders.echo(new Unwritable()))
			.withMessageContaining("argument 1");
		assertThat(this.store.recent(null, 10_000)).hasSize(before);
	}

	@Test
	void failedAttemptsAreJournaledAndTheActivitySucceedsWithinItsAttempts() {
		String id = "flaky-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.orders.flaky(id, 2)).await(AWAIT);
		assertThat(result).isEqualTo("ok after 3 attempts, key " + id + ":1");
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind().isStep())
			.extracting(JournalEvent::kind, JournalEvent::attempt)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 1),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 2),
					org.assertj.core.groups.Tuple.tuple(EventKind.ACTIVITY_COMPLETED, 3));
		assertThat(this.store.journal(id).get(1).errorType()).isEqualTo("java.io.IOException");
	}

	@Test
	void anActivityThatKeepsFailingSurfacesAsActivityFailedException() {
		String id = "broken-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.orders.broken(id)).await(AWAIT);
		assertThat(result).isEqualTo("Warehouse.broken|3|java.lang.IllegalStateException|shelf " + id + " is gone");
		assertThat(this.calls.count("broken:" + id)).isEqualTo(3);
		List<JournalEvent> steps = this.store.journal(id).stream().filter((event) -> event.kind().isStep()).toList();
		assertThat(steps).extracting(JournalEvent::kind)
			.containsExactly(EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_ATTEMPT_FAILED,
					EventKind.ACTIVITY_FAILED);
	}

	@Test
	void aWorkflowThatThrowsEndsFailedAndTheCallerGetsWorkflowFailedException() {
		String id = "fails-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.orders.fails(id));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("order " + id + " is invalid")
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("java.lang.IllegalArgumentException"));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.FAILED);
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> this.orders.fails(id + "-direct"));
	}

	@Test
	void anActivityResultThatCannotBeSerializedFailsTheCallWithItsNameAndType() {
		String id = "unser-" + UUID.randomUUID();
		WorkflowHandle<Void> handle = this.client.start(id, () -> this.orders.unserializable(id));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("Warehouse.unserializableResult")
			.withMessageContaining(Unwritable.class.getName());
		assertThat(this.calls.count("unserializable:" + id)).isEqualTo(1);
		assertThat(this.store.journal(id)).noneMatch((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED);
	}

	@Test
	void startInsideARolledBackTransactionLeavesNoWorkflowAndNoOrder() {
		String id = "rollback-" + UUID.randomUUID();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.checkout.checkout(id, true, (orderId) -> {
			}));
		assertThat(this.shopOrders.findById(id)).isEmpty();
		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.handle(id));
		assertThat(this.calls.count("reserve:" + id)).isZero();
	}

	@Test
	void startInsideATransactionRunsOnlyAfterTheCommit() {
		String id = "commit-" + UUID.randomUUID();
		this.checkout.checkout(id, false, (orderId) -> {
			sleep(Duration.ofMillis(500));
			assertThat(this.calls.count("reserve:" + orderId)).as("activities before the commit").isZero();
		});
		assertThat(this.shopOrders.findById(id)).hasValueSatisfying((order) -> assertThat(order.getCustomer()).isEqualTo("ada"));
		Receipt receipt = this.client.<Receipt>handle(id).await(AWAIT);
		assertThat(receipt.orderId()).isEqualTo(id);
		assertThat(this.calls.count("reserve:" + id)).isEqualTo(1);
	}

	@Test
	void theActuatorEndpointListsWorkflowsAndShowsOneWithItsJournal() throws Exception {
		String id = "http-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.flaky(id, 1)).await(AWAIT);
		HttpResponse<String> list = get("/actuator/workflows?status=completed&limit=500");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"id\":\"" + id + "\"").contains("\"type\":\"OrderWorkflow.flaky\"");
		HttpResponse<String> detail = get("/actuator/workflows/" + id);
		assertThat(detail.statusCode()).isEqualTo(200);
		// Strictly valid JSON, raw outputs included (next-attempt times are JSON strings).
		tools.jackson.databind.JsonNode parsed = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(detail.body());
		assertThat(parsed.get("events").get(1).get("output").isString()).isTrue();
		assertThat(detail.body()).contains("\"status\":\"COMPLETED\"")
			.contains("\"input\":[\"" + id + "\",1]")
			.contains("\"type\":\"ACTIVITY_ATTEMPT_FAILED\"")
			.contains("\"error\":\"java.io.IOException: warehouse unreachable (attempt 1)\"")
			.contains("\"type\":\"WORKFLOW_COMPLETED\"");
		assertThat(get("/actuator/workflows/no-such-workflow").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/workflows?status=sleepy").statusCode()).isEqualTo(400);
	}

	@Test
	void aFailedAttemptOfATransactionalActivityRollsBackItsWrites() {
		String id = "ledger-" + UUID.randomUUID();
		String row = this.client.start(id, () -> uncheckedLedger(id, true)).await(AWAIT);
		assertThat(row).isEqualTo(id + "-attempt-2");
		assertThat(this.shopOrders.findById(id + "-attempt-1")).as("row of the failed attempt").isEmpty();
		assertThat(this.shopOrders.findById(id + "-attempt-2")).isPresent();
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind().isStep())
			.extracting(JournalEvent::kind)
			.containsExactly(EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_COMPLETED);
	}

	@Test
	void aTransactionalActivityCommitsWithItsJournalRecordOrNotAtAll() throws Exception {
		String id = "fenced-" + UUID.randomUUID();
		Ledger.reached = new CountDownLatch(1);
		Ledger.release = new CountDownLatch(1);
		try {
			this.client.start(id, () -> uncheckedLedger(id, false));
			assertThat(Ledger.reached.await(30, TimeUnit.SECONDS)).isTrue();
			// Another node takes the workflow over while the activity is still running here.
			assertThat(this.jdbc.update("update durable_workflow set run_token = 'other-node' where id = ?", id))
				.isEqualTo(1);
			Ledger.reached = null;
			Ledger.release.countDown();
			awaitNotRunningHere(id);
		}
		finally {
			Ledger.reached = null;
			Ledger.release.countDown();
		}
		assertThat(this.shopOrders.findById(id + "-attempt-1")).as("the activity's row without its record").isEmpty();
		assertThat(this.store.journal(id)).noneMatch((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED);
		// The other node's lease runs out: the workflow runs again and completes, with one row.
		// Its creation time is past, and set from the row itself whatever zone the JVM and session have.
		this.jdbc.update("update durable_workflow set due_at = created_at where id = ?", id);
		assertThat(this.client.<String>handle(id).await(AWAIT)).isEqualTo(id + "-attempt-1");
		assertThat(this.shopOrders.findById(id + "-attempt-1")).isPresent();
	}

	@Test
	void endedWorkflowsOlderThanTheRetentionPeriodAreDeletedWithTheirJournals() throws Exception {
		String ended = "old-" + UUID.randomUUID();
		this.client.start(ended, () -> this.orders.count(ended)).await(AWAIT);
		String waiting = "waiting-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(waiting, () -> this.approvals.approve(waiting));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		assertThat(this.engine.sweepRetention(java.time.Instant.now())).as("nothing is old enough yet").isZero();
		assertThat(this.engine.sweepRetention(java.time.Instant.now().plus(Duration.ofDays(31)))).isPositive();
		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.handle(ended));
		assertThat(this.store.journal(ended)).isEmpty();
		assertThat(handle.status()).as("a waiting workflow is never deleted").isEqualTo(WorkflowStatus.WAITING);
		this.client.signal(waiting, "decision", new dev.durable.testapp.Decision("ada", true));
		assertThat(handle.await(AWAIT)).isEqualTo("ada approved");
	}

	@Test
	void workflowApiOutsideWorkflowCodeSaysWhereItBelongs() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(Workflow::id)
			.withMessageContaining("Workflow.id() can only be called in workflow code");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(ActivityContext::attempt)
			.withMessageContaining("inside an @Activity method");
	}

	private String uncheckedLedger(String id, boolean failFirstAttempt) {
		try {
			return this.orders.ledger(id, failFirstAttempt);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void awaitNotRunningHere(String id) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (this.engine.runningClaims().stream().anyMatch((claim) -> claim.workflowId().equals(id))) {
			assertThat(System.nanoTime()).as("waiting for the run of " + id + " to stop").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
