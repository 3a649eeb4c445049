package dev.durable;

/**
 * Replay met a different durable call than the journal recorded at that point.
 *
 * <p>The workflow stops with status {@link WorkflowStatus#FAILED} and nothing more of it runs
 * until it is retried after a code fix. Use {@code Workflow.getVersion} to change the code of
 * running workflows safely.
 */
public class NonDeterministicWorkflowException extends DurableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 */
	public NonDeterministicWorkflowException(String message) {
		super(message);
	}

}
