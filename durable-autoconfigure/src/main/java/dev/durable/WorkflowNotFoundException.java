package dev.durable;

/**
 * No workflow exists with the given id.
 */
public class WorkflowNotFoundException extends DurableException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message the detail message
	 */
	public WorkflowNotFoundException(String message) {
		super(message);
	}

}
