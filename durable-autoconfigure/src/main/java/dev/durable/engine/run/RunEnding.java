package dev.durable.engine.run;

import dev.durable.engine.journal.ErrorText;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Records how a run ended (journal, row, events; the runner then tells the awaiting threads), so that
 * {@link WorkflowRunner} only drives the run.
 */
final class RunEnding {

	// The runner's logger, so that logging settings for the runner still cover how runs end.
	private static final Log logger = LogFactory.getLog(WorkflowRunner.class);

	private final EngineContext engine;

	private final WorkerDispatch dispatch;

	RunEnding(EngineContext engine, WorkerDispatch dispatch) {
		this.engine = engine;
		this.dispatch = dispatch;
	}

	void fail(WorkflowExecution execution, Throwable thrown) {
		String errorType = thrown.getClass().getName();
		String error = ErrorText.of(thrown);
		// The message may carry application data: INFO names the type, the journal keeps the message.
		logger.info("Workflow '" + execution.workflowId() + "' failed with " + errorType
				+ " (its message is in the workflow's journal)");
		if (logger.isDebugEnabled()) {
			logger.debug("Workflow '" + execution.workflowId() + "' failed: " + errorType + ": " + error);
		}
		finish(execution, new WorkflowEnd.Failed(errorType, error), EventKind.WORKFLOW_FAILED);
	}

	void stopNonDeterministic(WorkflowExecution execution) {
		Throwable mismatch = execution.nonDeterminism().found();
		String errorType = mismatch.getClass().getName();
		String error = ErrorText.of(mismatch);
		logger.error(error);
		finish(execution, new WorkflowEnd.Failed(errorType, error), EventKind.NON_DETERMINISM_DETECTED);
	}

	/**
	 * End the workflow: journal its end as an event of the given kind, keep it on its row, and tell
	 * whoever waits for it.
	 */
	void finish(WorkflowExecution execution, WorkflowEnd end, EventKind kind) {
		// Activity futures still running end without being recorded: the workflow does not wait.
		execution.writer().close();
		// The last activity's completion, if the run held it back, commits with the end.
		JournalEvent lastStep = execution.writer().takeHeld();
		JournalEvent event = execution.writer().lifecycleEvent(kind, end.result(), end.errorType(), end.error());
		WorkflowRecord workflow = execution.workflow();
		String parentId = workflow.parentId();
		this.engine.store().finish(execution.claim(), end, lastStep, event, parentId);
		WorkflowRecord ended = workflow.ended(end, event.timestamp());
		execution.endedAs(ended);
		this.engine.events().workflowEnded(execution.workflowId(), execution.workflow().type(), end.status());
		if (parentId != null) {
			this.dispatch.wakeUp();
		}
	}

}
