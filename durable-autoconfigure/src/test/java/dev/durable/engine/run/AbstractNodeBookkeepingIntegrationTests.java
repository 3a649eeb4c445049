package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.durable.WorkflowAwaitTimeoutException;
import dev.durable.WorkflowCancelledException;
import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowNotFoundException;
import dev.durable.WorkflowStatus;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a node keeps in memory per workflow id: the threads awaiting a workflow's end and the
 * runs that cancellation requests must reach. Each entry must go when its own user is done,
 * however that ends, and never take another's with it.
 */
@SpringBootTest(classes = TestApplication.class)
abstract class AbstractNodeBookkeepingIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	DurableEngine engine;

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anAwaitThatEndsBecauseTheWorkflowIsGoneLeavesNoWaiter() throws Exception {
		WorkflowHandle<String> handle = waitingWorkflow("gone");
		CompletableFuture<Throwable> awaiting = awaitInBackground(handle, new AtomicReference<>());
		awaitWaiter(handle.workflowId());
		this.jdbc.update("delete from durable_workflow where id = ?", handle.workflowId());
		assertThat(awaiting.get()).isInstanceOf(WorkflowNotFoundException.class);
		assertThat(this.engine.completionWaiters().count(handle.workflowId())).isZero();
	}

	@Test
	void anInterruptedAwaitLeavesNoWaiter() throws Exception {
		WorkflowHandle<String> handle = waitingWorkflow("interrupted");
		AtomicReference<Thread> thread = new AtomicReference<>();
		CompletableFuture<Throwable> awaiting = awaitInBackground(handle, thread);
		awaitWaiter(handle.workflowId());
		thread.get().interrupt();
		assertThat(awaiting.get()).isInstanceOf(WorkflowAwaitTimeoutException.class).hasMessageContaining("Interrupted");
		assertThat(this.engine.completionWaiters().count(handle.workflowId())).isZero();
		cancel(handle);
	}

	@Test
	void anAwaitThatEndsInADatabaseErrorLeavesNoWaiter() throws Exception {
		WorkflowHandle<String> handle = waitingWorkflow("db-error");
		CompletableFuture<Throwable> awaiting = awaitInBackground(handle, new AtomicReference<>());
		awaitWaiter(handle.workflowId());
		Throwable thrown;
		this.jdbc.execute("alter table durable_workflow rename to durable_workflow_away");
		try {
			thrown = awaiting.get();
		}
		finally {
			this.jdbc.execute("alter table durable_workflow_away rename to durable_workflow");
		}
		assertThat(thrown).isInstanceOf(RuntimeException.class).isNotInstanceOf(WorkflowAwaitTimeoutException.class);
		assertThat(this.engine.completionWaiters().count(handle.workflowId())).isZero();
		cancel(handle);
	}

	@Test
	void aSecondRunOfAWorkflowOnThisNodeDoesNotDropTheCancellationOfEitherRun() throws Exception {
		WorkflowHandle<String> handle = waitingWorkflow("two-runs");
		LeaseKeeper leases = new LeaseKeeper(this.store);
		WorkflowExecution first = register(leases, handle.workflowId());
		WorkflowExecution second = register(leases, handle.workflowId());
		leases.untrack(first.claim());
		this.client.cancel(handle.workflowId());
		leases.renew(Instant.now().plus(Duration.ofMinutes(1)));
		assertThat(second.cancellation().isRequested()).as("the second run, after the first ended").isTrue();
		leases.untrack(second.claim());
		assertThat(leases.running()).isEmpty();

		WorkflowHandle<String> other = waitingWorkflow("overlapping-runs");
		WorkflowExecution running = register(leases, other.workflowId());
		WorkflowExecution overlapping = register(leases, other.workflowId());
		this.client.cancel(other.workflowId());
		leases.renew(Instant.now().plus(Duration.ofMinutes(1)));
		assertThat(running.cancellation().isRequested()).as("the first run, while a second one runs").isTrue();
		assertThat(overlapping.cancellation().isRequested()).as("the second run").isTrue();
		leases.untrack(overlapping.claim());
		assertThat(leases.running()).containsExactly(running.claim());
		leases.untrack(running.claim());
		assertThat(leases.running()).isEmpty();
		awaitCancelled(handle);
		awaitCancelled(other);
	}

	private WorkflowExecution register(LeaseKeeper leases, String workflowId) {
		ClaimedWorkflow claim = new ClaimedWorkflow(workflowId, UUID.randomUUID().toString());
		WorkflowExecution execution = new WorkflowExecution(this.engine.context(), this.store.find(workflowId).orElseThrow(),
				claim, this.store.journal(workflowId));
		leases.track(claim);
		leases.attach(execution);
		return execution;
	}

	private WorkflowHandle<String> waitingWorkflow(String prefix) throws InterruptedException {
		String id = prefix + "-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		return handle;
	}

	private static CompletableFuture<Throwable> awaitInBackground(WorkflowHandle<String> handle,
			AtomicReference<Thread> thread) {
		CompletableFuture<Throwable> thrown = new CompletableFuture<>();
		Thread awaiter = new Thread(() -> {
			try {
				handle.await(AWAIT);
				thrown.complete(null);
			}
			catch (Throwable ex) {
				thrown.complete(ex);
			}
		});
		thread.set(awaiter);
		awaiter.start();
		return thrown;
	}

	private void awaitWaiter(String workflowId) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (this.engine.completionWaiters().count(workflowId) == 0) {
			assertThat(System.nanoTime()).as("waiting for the awaiting thread to register").isLessThan(deadline);
			Thread.sleep(5);
		}
		// Past its first poll: the await has read the workflow once and now waits on the waiter.
		Thread.sleep(100);
	}

	private void cancel(WorkflowHandle<String> handle) {
		this.client.cancel(handle.workflowId());
		awaitCancelled(handle);
	}

	private static void awaitCancelled(WorkflowHandle<String> handle) {
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT));
	}

}
