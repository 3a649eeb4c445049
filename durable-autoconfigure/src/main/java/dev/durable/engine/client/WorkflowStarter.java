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
import dev.durable.engine.run.WorkerDispatch;
import dev.durable.engine.run.WorkflowRunner;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates workflows: for {@code WorkflowClient.start} (joining the caller's transaction, running
 * after its commit) and for a direct call of an entry point (created already claimed and run at
 * once on the calling thread, outside any transaction of the caller).
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
		boolean created = this.engine.store()
			.create(StartTiming.of(options, NewWorkflow.pending(workflowId, workflow.type(), input, now()))
				.queued(queue));
		if (created) {
			this.engine.events().workflowStarted(workflowId, workflow.type());
			AfterCommit.run(this.dispatch::wakeUp);
		}
		return created;
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
		// The caller has everything the run needs: no read of what it just wrote.
		LoadedWorkflow created = new LoadedWorkflow(
				WorkflowRecord.builder(workflowId, workflow.type(), WorkflowStatus.RUNNING, input, now)
					.owner(nodeId)
					.dueAt(leaseUntil)
					.build(),
				List.of(new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, input, null, null, null,
						now)));
		Supplier<WorkflowRecord> createAndRun = () -> {
			this.engine.store()
				.create(new NewWorkflow(workflowId, workflow.type(), input, now, claim, nodeId, leaseUntil, null));
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
