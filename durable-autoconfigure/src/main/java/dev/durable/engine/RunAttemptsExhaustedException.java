package dev.durable.engine;

import org.jspecify.annotations.Nullable;

/**
 * Why a workflow failed whose runs kept stopping without ending or waiting: a store error, a lost
 * lease or a process that died during each of {@code durable.worker.max-run-attempts} runs in a
 * row. Its class name is the failed workflow's error type; retrying the workflow runs it again.
 */
public final class RunAttemptsExhaustedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param workflowId the workflow
	 * @param type the workflow's type
	 * @param runs how many runs in a row stopped
	 * @param lastError the error that stopped the last of them, if it was kept
	 */
	public RunAttemptsExhaustedException(String workflowId, String type, int runs, @Nullable String lastError) {
		super("Workflow '" + workflowId + "' (type '" + type + "') stopped without ending or waiting in each of its "
				+ "last " + runs + " runs (durable.worker.max-run-attempts), so it is not run again: "
				+ ((lastError != null) ? "the last run stopped on: " + lastError
						: "the process running it stopped or lost its lease during each of the " + runs
								+ " runs (killed, out of memory, halted, or paused past its lease)")
				+ ". Fix the cause, then retry the workflow (POST /actuator/workflows/" + workflowId + "/retry)");
	}

}
