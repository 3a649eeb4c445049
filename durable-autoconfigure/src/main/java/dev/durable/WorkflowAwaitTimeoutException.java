package dev.durable;

/**
 * {@link WorkflowHandle#await(java.time.Duration)} gave up before the workflow ended.
 *
 * <p>The workflow itself goes on; await again or check {@link WorkflowHandle#status()}.
 */
public class WorkflowAwaitTimeoutException extends DurableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 */
	public WorkflowAwaitTimeoutException(String message) {
		super(message);
	}

}
