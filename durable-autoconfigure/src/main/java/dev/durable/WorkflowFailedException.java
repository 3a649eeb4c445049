package dev.durable;

import org.jspecify.annotations.Nullable;

/**
 * A workflow ended with an exception (or was stopped by a non-deterministic replay).
 *
 * <p>Thrown by a direct call of an entry point and by {@link WorkflowHandle#await(java.time.Duration)}.
 */
public class WorkflowFailedException extends DurableException {

	private static final long serialVersionUID = 1L;

	private final String workflowId;

	private final @Nullable String errorType;

	/**
	 * Create the exception.
	 * @param workflowId the id of the failed workflow
	 * @param errorType the fully qualified class name of the exception that ended it, if known
	 * @param message the detail message
	 */
	public WorkflowFailedException(String workflowId, @Nullable String errorType, String message) {
		super(message);
		this.workflowId = workflowId;
		this.errorType = errorType;
	}

	/**
	 * Return the id of the workflow that failed.
	 * @return the workflow id
	 */
	public String getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * Return the fully qualified class name of the exception that ended the workflow.
	 * @return the error type, or {@code null} if none was recorded
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

}
