package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import org.jspecify.annotations.Nullable;

/**
 * {@code DurableFuture.get()} and {@code isDone()}. A {@code get()} takes a step of its own, where
 * a cancellation delivered to it is recorded, so that every replay throws at the same point. A
 * future that is not done is waited for in the thread up to the in-thread wait limit; then the run
 * suspends. It is parked instead when activity futures of the run still run on this node: the claim
 * stays, so that they can record, and the workflow is due again when the wait is over or the lease,
 * renewed while this node lives, runs out.
 */
final class FutureWait {

	/** How often a waiting {@code get()} looks for signals and children's ends in the store. */
	private static final long STORE_POLL_MILLIS = 100;

	/** A wait on several signals or children re-checks this often (the store wakes for one). */
	private static final Duration SEVERAL_EXTERNAL_RECHECK = Duration.ofSeconds(1);

	private FutureWait() {
	}

	static <R> R get(StepFuture<R> future) {
		WorkflowExecution execution = onWorkflowThread(future, "get()");
		int step = execution.nextStep();
		execution.recorded(step, "get", EventKind.CANCELLATION_DELIVERED);
		// Past the loaded journal, this get() is met for the first time: a cancellation may land here.
		boolean live = step > execution.recordedSteps();
		if (!future.poll()) {
			await(execution, future, step, live);
		}
		else if (live) {
			execution.cancellation().deliver(step);
		}
		return future.outcome();
	}

	static boolean isDone(StepFuture<?> future) {
		WorkflowExecution execution = onWorkflowThread(future, "isDone()");
		return SideEffect.record(execution, "isDone", Boolean.class, future::poll);
	}

	private static WorkflowExecution onWorkflowThread(StepFuture<?> future, String operation) {
		WorkflowExecution execution = future.futures().execution();
		if (ExecutionContexts.currentWorkflow() != execution || ExecutionContexts.currentActivity() != null) {
			throw new IllegalStateException("DurableFuture." + operation + " of workflow '" + execution.workflowId()
					+ "' can only be called in that workflow's code, on the thread running it");
		}
		return execution;
	}

	private static void await(WorkflowExecution execution, StepFuture<?> future, int step, boolean live) {
		FutureSteps futures = future.futures();
		long limit = System.nanoTime() + execution.engine().settings().inThreadWaitLimit().toNanos();
		while (true) {
			if (live) {
				execution.cancellation().deliver(step);
			}
			Throwable abandoned = future.abandoned();
			if (abandoned != null) {
				throw new RunAbandonedError((abandoned instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(abandoned));
			}
			execution.ensureLive();
			PendingWait pending = new PendingWait();
			future.pending(pending);
			long left = limit - System.nanoTime();
			if (left <= 0) {
				throw suspension(execution, future, pending);
			}
			long waitMillis = Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), untilTimer(execution, pending)));
			if (!pending.external().isEmpty()) {
				waitMillis = Math.min(waitMillis, STORE_POLL_MILLIS);
			}
			synchronized (futures) {
				// Checked under the lock that a completion notifies on: no wake-up is lost.
				if (future.progress() != StepFuture.Progress.DONE && !execution.cancellation().isRequested()) {
					try {
						futures.wait(waitMillis);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw suspension(execution, future, pending);
					}
				}
			}
			if (future.poll()) {
				return;
			}
		}
	}

	private static long untilTimer(WorkflowExecution execution, PendingWait pending) {
		Instant timer = pending.earliestTimer();
		if (timer == null) {
			return Long.MAX_VALUE;
		}
		return Math.max(1, Duration.between(execution.now(), timer).toMillis());
	}

	private static WorkflowSuspension suspension(WorkflowExecution execution, StepFuture<?> future,
			PendingWait pending) {
		Instant wakeAt = pending.earliestTimer();
		String waitingFor = null;
		Iterator<String> external = pending.external().iterator();
		if (external.hasNext()) {
			waitingFor = external.next();
			if (external.hasNext()) {
				Instant recheck = execution.now().plus(SEVERAL_EXTERNAL_RECHECK);
				wakeAt = (wakeAt == null || recheck.isBefore(wakeAt)) ? recheck : wakeAt;
			}
		}
		if (pending.isRunningHere()) {
			return WorkflowSuspension.parked(wakeAt, waitingFor, future);
		}
		return new WorkflowSuspension(wakeAt, waitingFor);
	}

	static @Nullable Instant parkedUntil(@Nullable Instant wakeAt, Instant leaseEnd) {
		return (wakeAt != null && wakeAt.isBefore(leaseEnd)) ? wakeAt : leaseEnd;
	}

}
