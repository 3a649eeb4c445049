package dev.durable;

/**
 * The lifecycle state of a workflow.
 */
public enum WorkflowStatus {

	/** Persisted and waiting for a worker to run it for the first time. */
	PENDING,

	/** Claimed by a worker that is executing it now. */
	RUNNING,

	/** Suspended on a timer, a signal or a retry backoff, holding no thread. */
	WAITING,

	/** Ended with a result. */
	COMPLETED,

	/** Ended with an exception, or stopped by a non-deterministic replay. */
	FAILED,

	/** Ended after {@link WorkflowClient#cancel(String)}. */
	CANCELLED;

	/**
	 * Tell whether this status is final.
	 * @return {@code true} for {@code COMPLETED}, {@code FAILED} and {@code CANCELLED}
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

}
