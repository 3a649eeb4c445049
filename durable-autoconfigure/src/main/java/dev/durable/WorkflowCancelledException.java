package dev.durable;

/**
 * The workflow was cancelled through {@link WorkflowClient#cancel(String)}.
 *
 * <p>Workflow code sees it at its next durable call and may catch it to compensate;
 * {@link WorkflowHandle#await(java.time.Duration)} throws it for a cancelled workflow.
 */
public class WorkflowCancelledException extends DurableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 */
	public WorkflowCancelledException(String message) {
		super(message);
	}

}
