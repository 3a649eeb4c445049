package dev.durable.engine.run;

import dev.durable.WorkflowCancelledException;
import dev.durable.engine.journal.EventKind;

/**
 * One run's cancellation, requested from any thread and delivered once, at a journaled step.
 */
final class RunCancellation {

	private final WorkflowExecution execution;

	private volatile boolean requested;

	private boolean delivered;

	RunCancellation(WorkflowExecution execution, boolean requested) {
		this.execution = execution;
		this.requested = requested;
	}

	/**
	 * Note that cancellation was requested; it is delivered at the next durable call.
	 */
	void request() {
		this.requested = true;
		FutureSteps steps = this.execution.startedFutures();
		if (steps != null) {
			steps.cancelRequested();
		}
	}

	/**
	 * Deliver a pending cancellation request at this step of a durable wait or activity: journal
	 * it, so that every replay throws at the same point, and throw.
	 */
	void deliver(int step) {
		if (this.requested && !this.delivered) {
			this.execution.writer().append(step, EventKind.CANCELLATION_DELIVERED, "cancel", 0, null, null, null, null);
			this.delivered = true;
			throw cancelled();
		}
	}

	/**
	 * Note a delivery found in the journal, and return the exception to throw again.
	 */
	WorkflowCancelledException replayed() {
		this.delivered = true;
		return cancelled();
	}

	boolean isDelivered() {
		return this.delivered;
	}

	boolean isRequested() {
		return this.requested;
	}

	private WorkflowCancelledException cancelled() {
		return new WorkflowCancelledException("Workflow '" + this.execution.workflowId() + "' was cancelled");
	}

}
