package dev.durable.engine.journal;

/**
 * A journal write was refused because this node no longer holds the workflow's claim: its
 * lease expired and another node took the workflow over. The run stops without writing.
 */
public class LeaseLostException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param workflowId the workflow whose claim was lost
	 */
	public LeaseLostException(String workflowId) {
		super("This node no longer holds the claim of workflow '" + workflowId
				+ "' (its lease expired and another node took it over); the run stops without writing");
	}

}
