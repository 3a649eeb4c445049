package dev.durable.engine.run;

import dev.durable.WorkflowCancelledException;
import dev.durable.engine.journal.EventKind;
import org.jspecify.annotations.Nullable;

/**
 * One run's cancellation, requested from any thread and delivered once, at a journaled step.
 */
final class RunCancellation {

	private final WorkflowExecution execution;

	private volatile boolean requested;

	private boolean delivered;

	private @Nullable String reason;

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
			this.reason = CancellationReason.timeoutPassed(this.execution.engine(), this.execution.workflowId(),
					this.execution.now());
			this.execution.writer()
				.append(step, EventKind.CANCELLATION_DELIVERED, "cancel", 0, null, null, null, this.reason);
			this.delivered = true;
			throw cancelled();
		}
	}

	/**
	 * Note a delivery found in the journal, and return the exception to throw again.
	 * @param journalledReason the reason journalled with the delivery, or null
	 */
	WorkflowCancelledException replayed(@Nullable String journalledReason) {
		this.delivered = true;
		this.reason = journalledReason;
		return cancelled();
	}

	/**
	 * Say why the delivered cancellation happened, when it was not a plain request.
	 * @return the message naming the timeout that passed, or null
	 */
	@Nullable String reason() {
		return this.reason;
	}

	boolean isDelivered() {
		return this.delivered;
	}

	boolean isRequested() {
		return this.requested;
	}

	private WorkflowCancelledException cancelled() {
		return new WorkflowCancelledException((this.reason != null) ? this.reason
				: "Workflow '" + this.execution.workflowId() + "' was cancelled");
	}

}
