package dev.durable.engine.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.durable.WorkflowCancelledException;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.observe.ExecutionObserver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Runs one claimed workflow from the start of its journal: recorded steps replay, new steps
 * execute, and the run ends in one of three ways: the workflow ends (completed or failed), it
 * suspends to wait, or it is abandoned without writing because the claim or the database was lost.
 */
public class WorkflowRunner {

	private static final Log logger = LogFactory.getLog(WorkflowRunner.class);

	private static final Duration UNKNOWN_TYPE_RETRY = Duration.ofMinutes(1);

	private final EngineContext engine;

	private final DurableMethods methods;

	private final BeanFactory beanFactory;

	private final LeaseKeeper leases;

	private final WorkerDispatch dispatch;

	private final ExecutionObserver observer;

	private final AbandonedRuns abandoned;

	private final RunEnding ending;

	private final CompletionWaiters waiters;

	/**
	 * Create the runner.
	 * @param engine the engine context
	 * @param methods the registry of entry points
	 * @param beanFactory where workflow beans are found
	 * @param leases tracks running claims for lease renewal
	 * @param waiters notified when a workflow ends
	 * @param dispatch wakes the workers when an ending child makes its parent due
	 */
	public WorkflowRunner(EngineContext engine, DurableMethods methods, BeanFactory beanFactory, LeaseKeeper leases,
			CompletionWaiters waiters, WorkerDispatch dispatch) {
		this(engine, methods, beanFactory, leases, waiters, dispatch, ExecutionObserver.NONE);
	}

	/**
	 * Create the runner with an observer of runs.
	 * @param engine the engine context
	 * @param methods the registry of entry points
	 * @param beanFactory where workflow beans are found
	 * @param leases tracks running claims for lease renewal
	 * @param waiters notified when a workflow ends
	 * @param dispatch wakes the workers when an ending child makes its parent due
	 * @param observer observes each run (tracing)
	 */
	public WorkflowRunner(EngineContext engine, DurableMethods methods, BeanFactory beanFactory, LeaseKeeper leases,
			CompletionWaiters waiters, WorkerDispatch dispatch, ExecutionObserver observer) {
		this.observer = observer;
		this.dispatch = dispatch;
		this.engine = engine;
		this.methods = methods;
		this.beanFactory = beanFactory;
		this.leases = leases;
		this.abandoned = new AbandonedRuns(engine);
		this.ending = new RunEnding(engine, dispatch);
		this.waiters = waiters;
	}

	/**
	 * Run a claimed workflow until it ends, suspends or must be abandoned.
	 * @param claim the claim
	 */
	public void run(ClaimedWorkflow claim) {
		run(claim, null);
	}

	/**
	 * Run a claimed workflow until it ends, suspends or must be abandoned.
	 * @param claim the claim
	 * @param preloaded the workflow and journal if the caller has them (a workflow it just created, or
	 * one whose claim read them), else null to load them
	 * @return the workflow as it ended, or null if it did not end in this run
	 */
	public @Nullable WorkflowRecord run(ClaimedWorkflow claim, @Nullable LoadedWorkflow preloaded) {
		return run(claim, preloaded, () -> {
		});
	}

	/**
	 * Run a claimed workflow until it ends, suspends or must be abandoned, then run {@code whenDone}
	 * before the threads awaiting it are told: a worker gives its thread back first, so that a
	 * client that starts its next workflow the moment it is told finds the thread free.
	 * @param claim the claim
	 * @param preloaded the workflow and journal if the caller has them, else null to load them
	 * @param whenDone what to run once the run is over, before its awaiting threads are woken
	 * @return the workflow as it ended, or null if it did not end in this run
	 */
	public @Nullable WorkflowRecord run(ClaimedWorkflow claim, @Nullable LoadedWorkflow preloaded, Runnable whenDone) {
		this.leases.track(claim);
		WorkflowRecord ended = null;
		WorkflowExecution outerWorkflow = ExecutionContexts.currentWorkflow();
		ActivityExecution outerActivity = ExecutionContexts.currentActivity();
		try {
			ExecutionContexts.bindActivity(null);
			WorkflowExecution execution = runClaimed(claim, preloaded);
			ended = (execution != null) ? execution.endedAs() : null;
		}
		catch (RunAbandonedError | LeaseLostException ex) {
			this.abandoned.stopped(claim, (ex.getCause() instanceof RuntimeException cause) ? cause : ex);
		}
		catch (RuntimeException ex) {
			this.abandoned.stopped(claim, ex);
		}
		finally {
			ExecutionContexts.bindWorkflow(outerWorkflow);
			ExecutionContexts.bindActivity(outerActivity);
			this.leases.untrack(claim);
			try {
				whenDone.run();
			}
			finally {
				if (ended != null) {
					this.waiters.ended(ended);
				}
				else {
					this.waiters.leftNode(claim.workflowId());
				}
			}
		}
		return ended;
	}

	private @Nullable WorkflowExecution runClaimed(ClaimedWorkflow claim, @Nullable LoadedWorkflow preloaded) {
		Optional<LoadedWorkflow> found = (preloaded != null) ? Optional.of(preloaded)
				: this.engine.store().load(claim.workflowId());
		if (found.isEmpty() || found.get().workflow().status().isTerminal()) {
			return null;
		}
		LoadedWorkflow loaded = found.get();
		return this.observer.observeRun(claim.workflowId(), loaded.workflow().type(), () -> runLoaded(claim, loaded));
	}

	private @Nullable WorkflowExecution runLoaded(ClaimedWorkflow claim, LoadedWorkflow loaded) {
		WorkflowRecord workflow = loaded.workflow();
		WorkflowDefinition definition = this.methods.workflow(workflow.type());
		if (definition == null) {
			logger.warn("Workflow '" + workflow.id() + "' has type '" + workflow.type() + "', which is not an entry "
					+ "point of this application; leaving it for a node that knows it (retry in " + UNKNOWN_TYPE_RETRY
					+ ")");
			this.engine.store().release(claim, now().plus(UNKNOWN_TYPE_RETRY));
			return null;
		}
		WorkflowExecution execution = new WorkflowExecution(this.engine, workflow, claim, loaded.journal());
		if (this.abandoned.exhausted(claim)) {
			// The code that stopped the runs would run once more, and forever.
			this.ending.fail(execution, this.abandoned.failure(workflow, claim));
			return execution;
		}
		this.leases.attach(execution);
		String what = "workflow '" + workflow.type() + "' (" + definition.describe() + ")";
		Object[] arguments;
		try {
			arguments = this.engine.codec().readArguments(what, definition.method(), workflow.input());
		}
		catch (IllegalStateException ex) {
			this.ending.fail(execution, ex);
			return execution;
		}
		Object result;
		try {
			result = invokeEntryPoint(this.beanFactory, definition, execution, arguments);
		}
		catch (InvocationTargetException ex) {
			ended(execution, ex.getTargetException());
			return execution;
		}
		completed(execution, definition, result);
		return execution;
	}

	/**
	 * Call an entry point on its bean (through the proxy, marked as the run's own call) with the
	 * replay context bound to this thread.
	 */
	static @Nullable Object invokeEntryPoint(BeanFactory beanFactory, WorkflowDefinition definition,
			WorkflowExecution execution, @Nullable Object[] arguments) throws InvocationTargetException {
		Object bean = beanFactory.getBean(definition.beanName());
		Method method = AopUtils.selectInvocableMethod(definition.method(), bean.getClass());
		ReflectionUtils.makeAccessible(method);
		ExecutionContexts.bindWorkflow(execution);
		try {
			return method.invoke(bean, arguments);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call entry point " + definition.describe(), ex);
		}
		finally {
			ExecutionContexts.bindWorkflow(null);
		}
	}

	private void completed(WorkflowExecution execution, WorkflowDefinition definition, @Nullable Object result) {
		if (execution.nonDeterminism().found() != null) {
			this.ending.stopNonDeterministic(execution);
			return;
		}
		if (execution.currentStep() < execution.recordedSteps()) {
			execution.nonDeterminism()
				.poison("Workflow '" + execution.workflowId() + "' (type '" + execution.workflow().type()
						+ "') is not deterministic: the code now ends after step " + execution.currentStep()
						+ ", but the journal records " + execution.recordedSteps() + " steps. Restore the old code path "
						+ "for running workflows (Workflow.getVersion) and retry the workflow");
			this.ending.stopNonDeterministic(execution);
			return;
		}
		String output;
		try {
			output = (definition.method().getReturnType() == void.class) ? null
					: this.engine.codec().writeResult("workflow '" + definition.type() + "'",
							definition.method().getGenericReturnType(), result);
		}
		catch (IllegalArgumentException ex) {
			this.ending.fail(execution, ex);
			return;
		}
		if (execution.cancellation().isDelivered()) {
			this.ending.finish(execution, new WorkflowEnd.Cancelled(output, execution.cancellation().reason()),
					EventKind.WORKFLOW_CANCELLED);
			return;
		}
		this.ending.finish(execution, new WorkflowEnd.Completed(output), EventKind.WORKFLOW_COMPLETED);
	}

	private void ended(WorkflowExecution execution, Throwable thrown) {
		if (thrown instanceof RunAbandonedError abandoned) {
			throw abandoned;
		}
		if (thrown instanceof WorkflowSuspension suspension) {
			StepFuture<?> parkedOn = suspension.parkedOn();
			if (parkedOn != null) {
				park(execution, suspension, parkedOn);
				return;
			}
			execution.writer().writeHeld();
			execution.writer().close();
			this.engine.store().suspend(execution.claim(), suspension.getWakeAt(), suspension.getWaitingFor());
			return;
		}
		if (execution.nonDeterminism().found() != null) {
			this.ending.stopNonDeterministic(execution);
			return;
		}
		if (thrown instanceof WorkflowCancelledException && execution.cancellation().isDelivered()) {
			this.ending.finish(execution, new WorkflowEnd.Cancelled(null, execution.cancellation().reason()),
					EventKind.WORKFLOW_CANCELLED);
			return;
		}
		this.ending.fail(execution, thrown);
	}

	/**
	 * Suspend a run whose activity futures still run here, keeping its claim: they record as they
	 * end, the lease is renewed while this node lives, and the workflow is due again when its wait is
	 * over (or, should this node die, when the lease runs out, and another node runs it).
	 */
	private void park(WorkflowExecution execution, WorkflowSuspension suspension, StepFuture<?> awaited) {
		execution.writer().writeHeld();
		Instant leaseEnd = now().plus(this.engine.settings().leaseDuration());
		this.engine.store()
			.park(execution.claim(), FutureWait.parkedUntil(suspension.getWakeAt(), leaseEnd),
					suspension.getWaitingFor());
		execution.futures()
			.parked(awaited, suspension.getWakeAt(), execution.claim(), this.leases, this.dispatch);
	}

	private Instant now() {
		return this.engine.clock().instant();
	}

}
