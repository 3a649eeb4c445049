package dev.durable;

import dev.durable.engine.run.ExecutionContexts;

/**
 * Facts about the running activity attempt. Every method must be called on the thread running
 * an activity of a workflow; elsewhere it throws {@link IllegalStateException}.
 */
public final class ActivityContext {

	private ActivityContext() {
	}

	/**
	 * Return the id of the workflow this activity runs for.
	 * @return the workflow id
	 */
	public static String workflowId() {
		return ExecutionContexts.activity("ActivityContext.workflowId()").workflowId();
	}

	/**
	 * Return a key that is the same for every attempt, replay and restart of this step of this
	 * workflow; pass it to external services to make their effects idempotent.
	 * @return the idempotency key
	 */
	public static String idempotencyKey() {
		return ExecutionContexts.activity("ActivityContext.idempotencyKey()").idempotencyKey();
	}

	/**
	 * Return the number of the running attempt.
	 * @return the attempt number, starting at 1
	 */
	public static int attempt() {
		return ExecutionContexts.activity("ActivityContext.attempt()").attempt();
	}

}
