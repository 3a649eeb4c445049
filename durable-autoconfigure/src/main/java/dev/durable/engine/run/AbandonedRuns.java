package dev.durable.engine.run;

import dev.durable.engine.RunAttemptsExhaustedException;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.ErrorText;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.WorkflowRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps a workflow whose runs keep stopping without ending or waiting from running forever: says
 * why each run stopped, keeps its error, and once {@link EngineSettings#maxRunAttempts()} runs in
 * a row stopped, gives the failure that ends the workflow instead of another run. The claims count
 * the runs ({@link ClaimedWorkflow#run()}), so that a run which kills the process counts too.
 */
final class AbandonedRuns {

	private static final Log logger = LogFactory.getLog(AbandonedRuns.class);

	private final EngineContext engine;

	AbandonedRuns(EngineContext engine) {
		this.engine = engine;
	}

	/**
	 * Whether the claimed run is one too many: the workflow must fail instead.
	 */
	boolean exhausted(ClaimedWorkflow claim) {
		return claim.run() > this.engine.settings().maxRunAttempts();
	}

	/**
	 * Say why a run stopped, and keep its error (best effort) for the failure that ends the
	 * workflow if its runs keep stopping.
	 */
	void stopped(ClaimedWorkflow claim, Throwable cause) {
		String runs = "run " + claim.run() + " in a row that stopped, of at most "
				+ this.engine.settings().maxRunAttempts();
		if (cause instanceof LeaseLostException) {
			// Another node holds the workflow now; the error is not this run's to keep.
			logger.info("Stopped running workflow '" + claim.workflowId() + "' (" + runs + "): " + cause.getMessage());
			return;
		}
		logger.warn("Stopped running workflow '" + claim.workflowId() + "' (" + runs + "): " + cause
				+ "; it runs again once its lease expires", cause);
		try {
			this.engine.store()
				.recordAbandonedRun(claim, ErrorText.of(cause.getClass().getName() + ": " + cause.getMessage()));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not keep the error of the stopped run of workflow '" + claim.workflowId() + "'", ex);
		}
	}

	/**
	 * Build the failure of a workflow whose runs kept stopping, log it and count it.
	 */
	RunAttemptsExhaustedException failure(WorkflowRecord workflow, ClaimedWorkflow claim) {
		int runs = claim.run() - 1;
		String lastError = this.engine.store().lastRunError(workflow.id()).orElse(null);
		RunAttemptsExhaustedException failure = new RunAttemptsExhaustedException(workflow.id(), workflow.type(), runs,
				lastError);
		logger.warn(failure.getMessage());
		this.engine.events().workflowRunsExhausted(workflow.id(), workflow.type(), runs);
		return failure;
	}

}
