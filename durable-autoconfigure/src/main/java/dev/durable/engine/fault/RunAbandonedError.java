package dev.durable.engine.fault;

/**
 * Stops a workflow run that can no longer write its journal: the claim was lost to another node,
 * or the database failed. Nothing is recorded as failed; the workflow runs again once its lease
 * expires. An {@link Error}, so that a {@code catch (Exception e)} in workflow code cannot swallow it.
 */
public final class RunAbandonedError extends Error {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the error.
	 * @param cause why the run cannot go on
	 */
	public RunAbandonedError(RuntimeException cause) {
		super("Workflow run abandoned: " + cause.getMessage(), cause);
	}

}
