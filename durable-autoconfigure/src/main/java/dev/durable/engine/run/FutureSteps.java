package dev.durable.engine.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.durable.DurableFuture;
import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.ClaimedWorkflow;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The futures of one run of a workflow: {@code Workflow.async}, {@code timer}, {@code signal} and
 * {@code DurableFuture.allOf}/{@code anyOf}. Each future takes its step when it is created, in
 * program order. Activity futures complete on the node's pool and tell this object, which wakes
 * the waiting workflow thread, or, when the run is parked, makes the workflow due again.
 */
public final class FutureSteps {

	private final WorkflowExecution execution;

	private @Nullable AsyncCapture capture;

	private volatile @Nullable Parked parked;

	private volatile @Nullable AsyncActivities pool;

	FutureSteps(WorkflowExecution execution) {
		this.execution = execution;
	}

	WorkflowExecution execution() {
		return this.execution;
	}

	/**
	 * Start the one durable call the lambda makes; see {@code Workflow.async}.
	 * @param <R> the result type
	 * @param call the lambda
	 * @return the call's future
	 */
	public <R> DurableFuture<R> async(Supplier<R> call) {
		int step = this.execution.nextStep();
		AsyncCapture started = new AsyncCapture(this, step);
		this.capture = started;
		try {
			call.get();
		}
		finally {
			this.capture = null;
		}
		return started.future();
	}

	/**
	 * Start a durable timer; see {@code Workflow.timer}.
	 * @param duration how long until it fires
	 * @return the timer's future
	 */
	public DurableFuture<Void> timer(Duration duration) {
		return TimerFuture.start(this, this.execution.nextStep(), duration);
	}

	/**
	 * Wait for the next signal of a name; see {@code Workflow.signal}.
	 * @param <T> the payload type
	 * @param name the signal name
	 * @param type the payload type
	 * @return the signal's future
	 */
	public <T> DurableFuture<T> signal(String name, Class<T> type) {
		return SignalFuture.start(this, this.execution.nextStep(), name, type);
	}

	/**
	 * Join futures; see {@code DurableFuture.allOf}.
	 * @param futures the futures
	 * @return the joined future
	 */
	public DurableFuture<Void> allOf(Collection<? extends DurableFuture<?>> futures) {
		return new AllOfFuture(this, own(futures, "allOf"));
	}

	/**
	 * Race futures; see {@code DurableFuture.anyOf}.
	 * @param <R> the result type
	 * @param futures the futures
	 * @return the winner's future
	 */
	public <R> DurableFuture<R> anyOf(Collection<? extends DurableFuture<? extends R>> futures) {
		List<StepFuture<?>> members = own(futures, "anyOf");
		if (members.isEmpty()) {
			throw new IllegalArgumentException("DurableFuture.anyOf() in workflow '" + this.execution.workflowId()
					+ "' needs at least one future");
		}
		return new AnyOfFuture<>(this, this.execution.nextStep(), members);
	}

	private List<StepFuture<?>> own(Collection<? extends DurableFuture<?>> futures, String operation) {
		List<StepFuture<?>> members = new ArrayList<>(futures.size());
		for (DurableFuture<?> future : futures) {
			if (!(future instanceof StepFuture<?> step) || step.futures() != this) {
				throw new IllegalArgumentException("DurableFuture." + operation + "() in workflow '"
						+ this.execution.workflowId() + "' was given a future that this run of the workflow did not "
						+ "create; pass only futures from Workflow.async, timer, signal, allOf and anyOf");
			}
			members.add(step);
		}
		return members;
	}

	/**
	 * The capture of the {@code async} lambda running now on the workflow thread, or null.
	 */
	@Nullable AsyncCapture capture() {
		return this.capture;
	}

	/**
	 * Refuse a durable call other than the one activity or child call inside an {@code async} lambda.
	 */
	void checkNotCapturing() {
		AsyncCapture current = this.capture;
		if (current != null) {
			this.capture = null;
			throw current.notOneCall("made another durable call (Workflow.sleep, now, awaitSignal...)");
		}
	}

	/**
	 * An activity future of this run is done: wake the workflow thread waiting in {@code get()},
	 * or a parked run whose wait is over.
	 */
	void changed() {
		synchronized (this) {
			notifyAll();
		}
		Parked current = this.parked;
		if (current != null && current.awaited.progress() != StepFuture.Progress.RUNNING_HERE) {
			current.wake();
		}
	}

	/**
	 * Cancellation of the workflow was requested: wake the thread waiting in {@code get()}, where
	 * it is delivered, or the parked run.
	 */
	void cancelRequested() {
		synchronized (this) {
			notifyAll();
		}
		Parked current = this.parked;
		if (current != null) {
			current.wake();
		}
	}

	/**
	 * The run was parked by a {@code get()} on {@code awaited}: the claim is kept so that the
	 * run's activity futures can still record, its lease is renewed while this node lives, and the
	 * workflow is made due again when the wait is over, when a timer it waits for fires, or when
	 * it is cancelled.
	 */
	void parked(StepFuture<?> awaited, java.time.@Nullable Instant timer, ClaimedWorkflow claim, LeaseKeeper leases,
			WorkerDispatch dispatch) {
		Parked current = new Parked(awaited, claim, leases, dispatch);
		// Renewed before any other thread can see it: a future ending in between would wake the run
		// before its renewal began, and the renewal, never stopped, would push it out for as long as
		// this node lives.
		leases.keepParked(claim, current::wake);
		this.parked = current;
		AsyncActivities pool = this.pool;
		if (timer != null && pool != null) {
			pool.schedule(current::wake, timer, this.execution.now());
		}
		if (awaited.progress() != StepFuture.Progress.RUNNING_HERE || this.execution.cancellation().isRequested()) {
			current.wake();
		}
	}

	ActivityFuture<?> activity(int step, ActivityInvoker invoker, ActivityDefinition activity,
			MethodInvocation invocation) {
		this.pool = invoker.asyncActivities();
		return ActivityFuture.start(this, step, invoker, activity, invocation);
	}

	ChildFuture<?> child(int step, ChildWorkflows children, WorkflowDefinition child, @Nullable Object[] arguments) {
		return ChildFuture.start(this, step, children, child, arguments);
	}

	/** A parked run: made due once, whoever asks first. */
	private final class Parked {

		private final StepFuture<?> awaited;

		private final ClaimedWorkflow claim;

		private final LeaseKeeper leases;

		private final WorkerDispatch dispatch;

		private final AtomicBoolean woken = new AtomicBoolean();

		Parked(StepFuture<?> awaited, ClaimedWorkflow claim, LeaseKeeper leases, WorkerDispatch dispatch) {
			this.awaited = awaited;
			this.claim = claim;
			this.leases = leases;
			this.dispatch = dispatch;
		}

		void wake() {
			if (!this.woken.compareAndSet(false, true)) {
				return;
			}
			// Stop renewing first: a renewal after the wake would push the due time out again.
			this.leases.unpark(this.claim);
			try {
				execution.engine().store().wakeParked(this.claim, execution.now());
			}
			catch (RuntimeException ex) {
				// The lease, no longer renewed, runs out and the workflow is due then.
			}
			this.dispatch.wakeUp();
		}

	}

}
