package dev.durable.engine.client;

import dev.durable.WorkflowNotFoundException;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowCommands;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.run.AfterCommit;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.WorkerDispatch;


/**
 * Retries failed workflows from where they stopped, typically after a code fix.
 *
 * <p>Retry keeps the journal: only the terminal event goes, so the next run replays every
 * recorded step and continues live after the last one. A workflow stopped by non-determinism
 * therefore resumes if the fixed code makes the recorded calls again. An activity that gave up is
 * recorded as failed and stays so: on replay it throws its {@code ActivityFailedException} again,
 * so the retry helps only if the fixed workflow code handles that failure (or never reaches it).
 */
public class WorkflowRetrier {

	private final WorkflowStore store;

	private final EngineContext engine;

	private final WorkerDispatch dispatch;

	/**
	 * Create the retrier.
	 * @param engine the engine context
	 * @param dispatch wakes this node's workers once a workflow is due again
	 */
	public WorkflowRetrier(EngineContext engine, WorkerDispatch dispatch) {
		this.engine = engine;
		this.store = engine.store();
		this.dispatch = dispatch;
	}

	/**
	 * Retry a failed workflow.
	 * @param workflowId the workflow id
	 * @throws WorkflowNotFoundException if no workflow has that id
	 * @throws IllegalStateException if the workflow has not failed
	 */
	public void retry(String workflowId) {
		WorkflowCommands.RetryOutcome outcome = this.store.retry(workflowId, this.engine.clock().instant());
		switch (outcome) {
			case NOT_FOUND:
				throw WorkflowOutcomes.notFound(workflowId);
			case NOT_FAILED:
				WorkflowStatus status = this.store.status(workflowId).orElse(null);
				throw new IllegalStateException("Workflow '" + workflowId + "' is " + status
						+ ", not FAILED; only a failed workflow can be retried"
						+ ((status == WorkflowStatus.CANCELLED || status == WorkflowStatus.COMPLETED)
								? " (start a new workflow instead)" : " (it has not stopped)"));
			default:
				AfterCommit.run(this.dispatch::wakeUp);
		}
	}

}
