package dev.durable.engine.client;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.durable.StartOptions;
import dev.durable.WorkflowStatus;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.run.AfterCommit;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.ReservedRun;
import dev.durable.engine.run.WorkerDispatch;
import dev.durable.engine.run.WorkflowRunner;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates workflows: for {@code WorkflowClient.start} (joining the caller's transaction, running
 * after its commit; claimed by this node at creation when one of its worker threads is free) and
 * for a direct call of an entry point (created already claimed and run at once on the calling
 * thread, outside any transaction of the caller).
 */
public class WorkflowStarter {

	private static final Duration FOREVER = Duration.ofDays(365L * 1000);

	private final EngineContext engine;

	private final WorkflowRunner runner;

	private final WorkflowOutcomes outcomes;

	private final WorkerDispatch dispatch;

	private final TransactionTemplate outsideCallerTransaction;

	/**
	 * Create the starter.
	 * @param engine the engine context
	 * @param runner runs workflows
	 * @param outcomes reads results
	 * @param dispatch wakes the workers
	 * @param transactionManager the journal's transaction manager
	 */
	public WorkflowStarter(EngineContext engine, WorkflowRunner runner, WorkflowOutcomes outcomes,
			WorkerDispatch dispatch, PlatformTransactionManager transactionManager) {
		this.engine = engine;
		this.runner = runner;
		this.outcomes = outcomes;
		this.dispatch = dispatch;
		this.outsideCallerTransaction = new TransactionTemplate(transactionManager);
		this.outsideCallerTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * Persist a workflow for the workers, unless its id exists.
	 * @param workflowId the id
	 * @param workflow the entry point
	 * @param arguments its arguments
	 * @return {@code true} if created
	 */
	public boolean start(String workflowId, WorkflowDefinition workflow, @Nullable Object[] arguments) {
		return start(StartOptions.id(workflowId), workflow, arguments);
	}

	/**
	 * Persist a workflow for the workers with start options, unless its id exists.
	 * @param options the id, delay, priority and timeout
	 * @param workflow the entry point
	 * @param arguments its arguments
	 * @return {@code true} if created
	 */
	public boolean start(StartOptions options, WorkflowDefinition workflow, @Nullable Object[] arguments) {
		String workflowId = options.id();
		String queue = QueueChoice.of(options, workflow, this.engine.settings());
		if (workflowId == null || workflowId.isBlank()) {
			throw new IllegalArgumentException("A workflow id must be 1 to " + NewWorkflow.MAX_ID_LENGTH
					+ " characters, not blank; got " + ((workflowId == null) ? "null" : "\"" + workflowId + "\""));
		}
		if (workflowId.length() > NewWorkflow.MAX_ID_LENGTH) {
			throw new IllegalArgumentException(NewWorkflow.tooLong("Workflow id", workflowId) + "; use a shorter id");
		}
		String input = this.engine.codec().writeArguments(describe(workflow), workflow.method(), arguments);
		NewWorkflow pending = StartTiming.of(options, NewWorkflow.pending(workflowId, workflow.type(), input, now()))
			.queued(queue);
		// A queued workflow (named here or by its type) begins once its queue has room, never at its start.
		ReservedRun reserved = StartTiming.beginsNow(options, queue) ? this.dispatch.reserve() : null;
		if (reserved != null) {
			return startClaimed(pending, reserved);
		}
		boolean created = this.engine.store().create(pending);
		if (created) {
			this.engine.events().workflowStarted(workflowId, workflow.type());
			AfterCommit.run(this.dispatch::wakeUp);
		}
		return created;
	}

	/**
	 * Create the workflow already claimed by this node and hand it to the reserved worker thread
	 * once its row commits: no poll and no claim statement before it runs. If this node dies
	 * first, the claim's lease expires and another node takes the workflow over, as after any
	 * crash.
	 */
	private boolean startClaimed(NewWorkflow pending, ReservedRun reserved) {
		ClaimedWorkflow claim = new ClaimedWorkflow(pending.id(), UUID.randomUUID().toString());
		Instant leaseUntil = pending.createdAt().plus(this.engine.settings().leaseDuration());
		NewWorkflow claimed = pending.claimedBy(claim, this.engine.settings().nodeId(), leaseUntil);
		boolean created;
		try {
			created = this.engine.store().create(claimed);
		}
		catch (RuntimeException | Error ex) {
			reserved.cancel();
			throw ex;
		}
		if (!created) {
			reserved.cancel();
			return false;
		}
		this.engine.events().workflowStarted(pending.id(), pending.type());
		LoadedWorkflow loaded = created(claimed);
		AfterCommit.runOrUndo(() -> reserved.run(claim, loaded), reserved::cancel);
		return true;
	}

	/** The run's view of a workflow it created claimed: no read of what was just written. */
	private static LoadedWorkflow created(NewWorkflow workflow) {
		return new LoadedWorkflow(
				WorkflowRecord.builder(workflow.id(), workflow.type(), WorkflowStatus.RUNNING, workflow.input(),
						workflow.createdAt())
					.owner(workflow.owner())
					.dueAt(workflow.leaseUntil())
					.parentId(workflow.parentId())
					.build(),
				List.of(new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, workflow.input(), null,
						null, null, workflow.createdAt())));
	}

	/**
	 * Start a workflow with a random id, run it on this thread and wait for its end.
	 * @param workflow the entry point
	 * @param arguments its arguments
	 * @return the workflow's result
	 */
	public @Nullable Object call(WorkflowDefinition workflow, @Nullable Object[] arguments) {
		String workflowId = UUID.randomUUID().toString();
		if (workflow.declaredQueue() != null) {
			return callQueued(workflowId, workflow, arguments);
		}
		String input = this.engine.codec().writeArguments(describe(workflow), workflow.method(), arguments);
		ClaimedWorkflow claim = new ClaimedWorkflow(workflowId, UUID.randomUUID().toString());
		Instant now = now();
		Instant leaseUntil = now.plus(this.engine.settings().leaseDuration());
		String nodeId = this.engine.settings().nodeId();
		NewWorkflow newWorkflow = new NewWorkflow(workflowId, workflow.type(), input, now, claim, nodeId, leaseUntil,
				null);
		// The caller has everything the run needs: no read of what it just wrote.
		LoadedWorkflow created = created(newWorkflow);
		Supplier<WorkflowRecord> createAndRun = () -> {
			this.engine.store().create(newWorkflow);
			this.engine.events().workflowStarted(workflowId, workflow.type());
			return this.runner.run(claim, created);
		};
		WorkflowRecord ended;
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// The workflow must not join the caller's transaction: suspend it while the workflow runs.
			ended = this.outsideCallerTransaction.execute((status) -> createAndRun.get());
		}
		else {
			ended = createAndRun.get();
		}
		return (ended != null) ? this.outcomes.outcomeOf(ended) : this.outcomes.await(workflowId, FOREVER);
	}

	/**
	 * A direct call of a queued type waits for room like any of its workflows: it is started
	 * pending, outside the caller's transaction so that a worker can claim it, and awaited.
	 */
	private @Nullable Object callQueued(String workflowId, WorkflowDefinition workflow,
			@Nullable Object[] arguments) {
		this.outsideCallerTransaction.executeWithoutResult((status) -> start(workflowId, workflow, arguments));
		return this.outcomes.await(workflowId, FOREVER);
	}

	private Instant now() {
		return this.engine.clock().instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String describe(WorkflowDefinition workflow) {
		return "workflow '" + workflow.type() + "' (" + workflow.describe() + ")";
	}

}
