package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.AdjustableClock;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.Calls;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Starting with {@link StartOptions} on every supported database: a delay stored as the time the
 * workflow becomes due, a timeout that cancels a workflow past it, and a start that finds a free
 * worker thread creating its workflow already claimed by this node.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractStartOptionsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Autowired
	AdjustableClock clock;

	@Autowired
	DurableEngine engine;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aStartWithAFreeWorkerThreadCreatesItsWorkflowAlreadyClaimedByThisNode() {
		String id = "claimed-" + UUID.randomUUID();
		// Read inside the start's own transaction: no worker can have claimed the row yet.
		Map<String, Object> row = inTransaction(() -> {
			this.client.start(id, () -> this.approvals.sleepy(id, 1));
			return this.jdbc.queryForMap("select status, owner from durable_workflow where id = ?", id);
		});
		assertThat(row.get("status")).isEqualTo("RUNNING");
		assertThat(row.get("owner")).isEqualTo(this.engine.context().settings().nodeId());
		assertThat(this.client.<Long>handle(id).await(AWAIT)).isEqualTo(1L);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.TIMER_STARTED,
					EventKind.WORKFLOW_COMPLETED);
	}

	@Test
	void aStartWhoseTransactionRollsBackLeavesNothingAndGivesItsWorkerThreadBack() {
		List<String> rolledBack = new ArrayList<>();
		// More starts than worker threads: a thread kept by any of them would leave none for the last start.
		for (int i = 0; i <= this.engine.context().settings().concurrency(); i++) {
			String id = "rolled-back-" + UUID.randomUUID();
			rolledBack.add(id);
			new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.client.start(id, () -> this.approvals.sleepy(id, 1));
				status.setRollbackOnly();
			});
		}
		assertThat(rolledBack).allSatisfy((id) -> assertThat(this.store.find(id)).isEmpty());
		assertClaimedAtStart();
	}

	@Test
	void startingAnExistingIdChangesNothingAndGivesItsWorkerThreadBack() {
		String id = "existing-" + UUID.randomUUID();
		assertThat(this.client.start(id, () -> this.approvals.sleepy(id, 1)).await(AWAIT)).isEqualTo(1L);
		WorkflowRecord ended = this.store.find(id).orElseThrow();
		for (int i = 0; i <= this.engine.context().settings().concurrency(); i++) {
			assertThat(this.client.start(id, () -> this.approvals.sleepy(id, 2)).await(AWAIT)).isEqualTo(1L);
		}
		assertThat(this.store.find(id).orElseThrow()).isEqualTo(ended);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsOnlyOnce(EventKind.WORKFLOW_STARTED, EventKind.WORKFLOW_COMPLETED);
		assertClaimedAtStart();
	}

	private void assertClaimedAtStart() {
		String id = "claimed-" + UUID.randomUUID();
		Object owner = inTransaction(() -> {
			this.client.start(id, () -> this.approvals.sleepy(id, 1));
			return this.jdbc.queryForObject("select owner from durable_workflow where id = ?", String.class, id);
		});
		assertThat(owner).as("the owner of a workflow started while this node's worker threads are free")
			.isEqualTo(this.engine.context().settings().nodeId());
		assertThat(this.client.<Long>handle(id).await(AWAIT)).isEqualTo(1L);
	}

	private <T> T inTransaction(Supplier<T> work) {
		return new TransactionTemplate(this.transactionManager).execute((status) -> work.get());
	}

	@Test
	void aDelayedWorkflowDoesNotBeginBeforeItsDelay() {
		String id = "delayed-" + UUID.randomUUID();
		WorkflowHandle<Long> handle = this.client.start(StartOptions.id(id).delay(Duration.ofSeconds(2)),
				() -> this.approvals.sleepy(id, 1));
		assertThat(handle.await(AWAIT)).isEqualTo(1L);
		WorkflowRecord workflow = this.store.find(id).orElseThrow();
		List<JournalEvent> journal = this.store.journal(id);
		JournalEvent firstStep = journal.stream()
			.filter((event) -> event.kind() != EventKind.WORKFLOW_STARTED)
			.findFirst()
			.orElseThrow();
		assertThat(firstStep.timestamp()).isAfterOrEqualTo(workflow.createdAt().plusSeconds(2));
	}

	@Test
	void aWorkflowWaitingPastItsTimeoutEndsCancelledNamingTheTimeoutAfterItsCompensation() {
		String id = "timeout-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(StartOptions.id(id).timeout(Duration.ofSeconds(2)),
				() -> this.approvals.chargeThenWait(id));
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("timeout");
		assertThat(handle.status()).isEqualTo(WorkflowStatus.CANCELLED);
		assertThat(this.store.find(id).orElseThrow().error()).contains("timeout (StartOptions.timeout) passed");
		assertThat(this.calls.count("refund:C-" + id + "-500")).isEqualTo(1);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.CANCELLATION_DELIVERED, EventKind.ACTIVITY_COMPLETED, EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_CANCELLED);
	}

	@Test
	void aTimeoutThatPassedUnseenCancelsTheWorkflowOnceANodeLooks() throws Exception {
		String id = "unseen-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(StartOptions.id(id).timeout(Duration.ofHours(1)),
				() -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		// The deadline lies in the past when a node next looks, as after a downtime.
		this.clock.advance(Duration.ofHours(2));
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("timeout");
		assertThat(handle.status()).isEqualTo(WorkflowStatus.CANCELLED);
	}

	@Test
	void aWorkflowThatEndsInTimeIsNotCancelled() {
		String id = "intime-" + UUID.randomUUID();
		WorkflowHandle<Long> handle = this.client.start(StartOptions.id(id).timeout(Duration.ofMinutes(5)),
				() -> this.approvals.sleepy(id, 1));
		assertThat(handle.await(AWAIT)).isEqualTo(1L);
		assertThat(handle.status()).isEqualTo(WorkflowStatus.COMPLETED);
	}

	@Test
	void startingAnExistingIdWithOptionsReturnsItsHandleAndChangesNothing() throws Exception {
		String id = "again-" + UUID.randomUUID();
		WorkflowHandle<String> first = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(first, WorkflowStatus.WAITING, AWAIT);
		Instant before = this.store.find(id).orElseThrow().createdAt();
		WorkflowHandle<String> second = this.client.start(
				StartOptions.id(id).delay(Duration.ofHours(1)).timeout(Duration.ofMillis(1)),
				() -> this.approvals.approve(id));
		assertThat(second.workflowId()).isEqualTo(id);
		assertThat(this.store.deadline(id)).isEmpty();
		assertThat(this.store.find(id).orElseThrow().createdAt()).isEqualTo(before);
		this.client.cancel(id);
	}

	@Test
	void aQueueThatIsNotConfiguredFailsTheStartNamingIt() {
		String id = "queued-" + UUID.randomUUID();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.start(StartOptions.id(id).queue("nosuchqueue"),
					() -> this.approvals.approve(id)))
			.withMessageContaining("'nosuchqueue'")
			.withMessageContaining("durable.queues");
		assertThat(this.store.find(id)).isEmpty();
	}

}
