package dev.durable;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.AdjustableClock;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.Calls;
import dev.durable.testapp.Decision;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Durable waits and workflow control on every supported database: timers, signals,
 * cancellation, sagas, child workflows, recorded values and versions.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowWaitsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	OrderWorkflow orders;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Autowired
	AdjustableClock clock;

	@Test
	void aSignalWaitSuspendsWithoutAThreadAndResumesWhenTheSignalArrives() throws Exception {
		String id = "approve-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "decision", new Decision("grace", true));
		assertThat(handle.await(AWAIT)).isEqualTo("grace approved");
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.SIGNAL_WAIT_STARTED, EventKind.SIGNAL_RECEIVED, EventKind.WORKFLOW_COMPLETED);
	}

	@Test
	void aSignalSentBeforeTheWorkflowWaitsIsKeptAndDelivered() {
		String id = "early-" + UUID.randomUUID();
		this.client.start(id, () -> this.approvals.sleepy(id, 400));
		// The workflow is sleeping, not waiting for this signal; the signal must wait for it.
		this.client.signal(id, "unused", "early bird");
		String id2 = "early2-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id2, () -> this.approvals.approve(id2));
		this.client.signal(id2, "decision", new Decision("linus", false));
		assertThat(handle.await(AWAIT)).isEqualTo("linus rejected");
	}

	@Test
	void signalsOfOneNameAreConsumedOnceEachInTheOrderSent() {
		String id = "collect-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.collect(id));
		this.client.signal(id, "item", "a");
		this.client.signal(id, "item", "b");
		this.client.signal(id, "item", "c");
		assertThat(handle.await(AWAIT)).isEqualTo("a,b,c");
	}

	@Test
	void aSignalWhosePayloadDoesNotFitIsRejectedAndTheWorkflowTakesTheNextOne() throws Exception {
		String id = "misfit-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "decision", Map.of("approvedBy", "grace", "approved", "perhaps"));
		JournalEvent rejected = WorkflowAwaits.event(this.store, handle, EventKind.SIGNAL_REJECTED, AWAIT);
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		assertThat(rejected.error()).contains("signal 'decision'")
			.contains(Decision.class.getName())
			.contains("$.approved")
			.doesNotContain("perhaps");
		assertThat(rejected.output()).as("the rejected payload, kept").contains("\"perhaps\"");
		this.client.signal(id, "decision", new Decision("grace", true));
		assertThat(handle.await(AWAIT)).isEqualTo("grace approved");
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.SIGNAL_WAIT_STARTED, EventKind.SIGNAL_REJECTED, EventKind.SIGNAL_RECEIVED,
					EventKind.WORKFLOW_COMPLETED);
	}

	@Test
	void aSignalThatIsNotANumberIsRejectedWhereAnIntIsAwaited() throws Exception {
		String id = "misfit-int-" + UUID.randomUUID();
		WorkflowHandle<Integer> handle = this.client.start(id, () -> this.approvals.doubledQuantity(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "quantity", "three");
		JournalEvent rejected = WorkflowAwaits.event(this.store, handle, EventKind.SIGNAL_REJECTED, AWAIT);
		assertThat(rejected.error()).contains("signal 'quantity'").contains("int").doesNotContain("three");
		this.client.signal(id, "quantity", 3);
		assertThat(handle.await(AWAIT)).isEqualTo(6);
	}

	@Test
	void aWaitWithATimeoutRejectsAPayloadThatDoesNotFitAndGoesOnWaiting() throws Exception {
		String id = "misfit-timeout-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id,
				() -> this.approvals.approveWithin(id, Duration.ofHours(1).toMillis()));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "decision", "not a decision");
		WorkflowAwaits.event(this.store, handle, EventKind.SIGNAL_REJECTED, AWAIT);
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "decision", new Decision("ada", true));
		assertThat(handle.await(AWAIT)).isEqualTo("ada");
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.doesNotContain(EventKind.SIGNAL_TIMED_OUT)
			.containsOnlyOnce(EventKind.SIGNAL_WAIT_STARTED);
	}

	@Test
	void aRejectedSignalIsReplayedAsRejectedSoLaterWaitsTakeTheRightSignals() throws Exception {
		String id = "misfit-replay-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.collect(id));
		this.client.signal(id, "item", "a");
		this.client.signal(id, "item", Map.of("sku", 1));
		WorkflowAwaits.event(this.store, handle, EventKind.SIGNAL_REJECTED, AWAIT);
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		// Each signal below wakes a run that replays the rejection before it takes the signal.
		this.client.signal(id, "item", "b");
		this.client.signal(id, "item", "c");
		assertThat(handle.await(AWAIT)).isEqualTo("a,b,c");
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.SIGNAL_RECEIVED, EventKind.SIGNAL_REJECTED, EventKind.SIGNAL_RECEIVED,
					EventKind.SIGNAL_RECEIVED);
	}

	@Test
	void aSignalWaitWithATimeoutReturnsEmptyWhenNothingArrives() {
		String id = "timeout-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approveWithin(id, 300));
		assertThat(handle.await(AWAIT)).isEqualTo("nobody in time");
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind).contains(EventKind.SIGNAL_TIMED_OUT);
	}

	@Test
	void signallingAnUnknownOrEndedWorkflowSaysSo() {
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.signal("no-such-" + UUID.randomUUID(), "decision", "x"));
		String id = "ended-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		assertThatIllegalStateException().isThrownBy(() -> this.client.signal(id, "decision", "x"))
			.withMessageContaining("has ended (status COMPLETED)");
		assertThatIllegalStateException().isThrownBy(() -> this.client.cancel(id))
			.withMessageContaining("already ended (status COMPLETED)");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.cancel("no-such-" + UUID.randomUUID()));
	}

	@Test
	void cancellingDuringASignalWaitRunsTheCompensationsInReverseAndEndsCancelled() throws Exception {
		String id = "cancel-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.chargeThenWait(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.cancel(id);
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.CANCELLED);
		String charge = "C-" + id + "-500";
		String reservation = "R-" + id + "-0";
		assertThat(this.calls.sequence("compensations")).containsSubsequence("release:" + reservation,
				"refund:" + charge);
		assertThat(this.calls.count("refund:" + charge)).isEqualTo(1);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.CANCELLATION_DELIVERED, EventKind.ACTIVITY_COMPLETED,
					EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_CANCELLED);
		this.client.cancel(id);
	}

	@Test
	void aSagaCompensatesInReverseOrderWhenALaterStepFails() {
		String id = "saga-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.approvals.shipOrCompensate(id)).await(AWAIT);
		assertThat(result).isEqualTo("compensated after Warehouse.broken");
		List<JournalEvent> completed = this.store.journal(id)
			.stream()
			.filter((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.toList();
		assertThat(completed).extracting(JournalEvent::name)
			.containsExactly("Warehouse.charge", "Warehouse.reserve", "Warehouse.release", "Warehouse.refund");
	}

	@Test
	void aChildWorkflowReturnsItsResultAndItsFailureReachesTheParent() {
		String id = "parent-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.approvals.parent(id)).await(AWAIT);
		assertThat(result).startsWith("42|java.lang.ArithmeticException|")
			.contains("cannot divide order " + id + " by zero");
		assertThat(this.client.handle(id + "/1").status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.client.handle(id + "/2").status()).isEqualTo(WorkflowStatus.FAILED);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.CHILD_STARTED, EventKind.CHILD_COMPLETED, EventKind.CHILD_STARTED,
					EventKind.CHILD_FAILED);
	}

	@Test
	void signalsRacingTheirWorkflowsFirstWaitAreAllDelivered() {
		String prefix = "race-" + UUID.randomUUID() + "-";
		List<WorkflowHandle<String>> handles = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String id = prefix + i;
			handles.add(this.client.start(id, () -> this.approvals.approve(id)));
			this.client.signal(id, "decision", new Decision("n" + i, true));
		}
		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).await(AWAIT)).isEqualTo("n" + i + " approved");
		}
	}

	@Test
	void childrenEndingWhileTheirParentsSuspendWakeThem() {
		String prefix = "quick-" + UUID.randomUUID() + "-";
		List<WorkflowHandle<Integer>> handles = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int value = i;
			handles.add(this.client.start(prefix + i, () -> this.approvals.quickChild(value)));
		}
		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).await(AWAIT)).isEqualTo(i * 3);
		}
	}

	@Test
	void recordedValuesAreIdenticalOnReplay() {
		String id = "recorded-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.approvals.recorded(id)).await(AWAIT);
		String[] parts = result.split("#");
		List<String> sideEffects = this.store.journal(id)
			.stream()
			.filter((event) -> event.kind() == EventKind.SIDE_EFFECT)
			.map(JournalEvent::output)
			.toList();
		// The second half ran after a replay: the first half's values came from the journal.
		assertThat(parts[0]).isEqualTo(String.join("|", sideEffects.subList(0, 3)).replace("\"", ""));
		assertThat(parts[1]).endsWith("|false");
	}

	@Test
	void aWorkflowStartedBeforeACodeChangeKeepsTheOldBranchAndANewOneTakesTheNew() throws Exception {
		String before = "v-old-" + UUID.randomUUID();
		try {
			WorkflowHandle<String> old = this.client.start(before, () -> this.orders.versioned(before));
			WorkflowAwaits.status(old, WorkflowStatus.WAITING, AWAIT);
			OrderWorkflow.auditDeployed = true;
			assertThat(old.await(AWAIT)).isEqualTo("new code");
			String after = "v-new-" + UUID.randomUUID();
			assertThat(this.client.start(after, () -> this.orders.versioned(after)).await(AWAIT)).isEqualTo("new code");
			assertThat(this.calls.count("audit:" + before)).as("audit in the workflow started before").isZero();
			assertThat(this.calls.count("audit:" + after)).isEqualTo(1);
			assertThat(this.store.journal(before)).noneMatch((event) -> event.kind() == EventKind.VERSION_MARKER);
			assertThat(this.store.journal(after)).anyMatch((event) -> event.kind() == EventKind.VERSION_MARKER);
		}
		finally {
			OrderWorkflow.auditDeployed = false;
		}
	}

	@Test
	void aThousandSleepingWorkflowsHoldNoThreadsAndAllWakeUp() throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int before = threads.getThreadCount();
		AtomicInteger peak = new AtomicInteger(before);
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (sampling.get()) {
				peak.accumulateAndGet(threads.getThreadCount(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
		String prefix = "sleeper-" + UUID.randomUUID() + "-";
		List<WorkflowHandle<Long>> handles = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String id = prefix + i;
			handles.add(this.client.start(id, () -> this.approvals.sleepy(id, Duration.ofHours(1).toMillis())));
		}
		int waiting = 0;
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (waiting < 1000 && System.nanoTime() < deadline) {
			waiting = (int) this.store.recent(WorkflowStatus.WAITING, 5000)
				.stream()
				.filter((workflow) -> workflow.id().startsWith(prefix))
				.count();
			Thread.sleep(50);
		}
		int threadsWhileWaiting = threads.getThreadCount();
		this.clock.advance(Duration.ofHours(1));
		for (WorkflowHandle<Long> handle : handles) {
			assertThat(handle.await(AWAIT)).isEqualTo(Duration.ofHours(1).toMillis());
		}
		sampling.set(false);
		sampler.join();
		assertThat(waiting).as("workflows waiting at once").isEqualTo(1000);
		assertThat(threadsWhileWaiting - before).as("threads held by 1,000 waiting workflows").isLessThanOrEqualTo(24);
		// At most the worker pool (16) and a few infrastructure threads may come and go.
		assertThat(peak.get() - before).as("threads added while 1,000 workflows slept").isLessThanOrEqualTo(24);
	}

}
