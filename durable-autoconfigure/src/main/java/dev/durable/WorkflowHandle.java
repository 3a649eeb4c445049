package dev.durable;

import java.time.Duration;

/**
 * A reference to one workflow, to read its status and wait for its result.
 * @param <R> the workflow's result type
 */
public interface WorkflowHandle<R> {

	/**
	 * Return the workflow's id.
	 * @return the id
	 */
	String workflowId();

	/**
	 * Read the workflow's current status from the database.
	 * @return the status
	 */
	WorkflowStatus status();

	/**
	 * Wait for the workflow to end and return its result. Returns (or throws) at once for a
	 * workflow that has already ended.
	 * @param timeout how long to wait at most
	 * @return the result, {@code null} for a {@code void} entry point
	 * @throws WorkflowFailedException if the workflow failed
	 * @throws WorkflowCancelledException if the workflow was cancelled
	 * @throws WorkflowAwaitTimeoutException if it did not end within the timeout
	 */
	R await(Duration timeout);

}
