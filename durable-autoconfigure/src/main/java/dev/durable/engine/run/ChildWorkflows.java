package dev.durable.engine.run;

import java.time.Instant;
import java.util.List;

import dev.durable.WorkflowCancelledException;
import dev.durable.WorkflowFailedException;
import dev.durable.WorkflowStatus;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.Waits;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * Runs an entry-point call made from workflow code as a child workflow: starts it once under an
 * id derived from the parent's id and step, then waits durably for it to end and journals its
 * outcome in the parent.
 */
public class ChildWorkflows {

	private final WorkerDispatch dispatch;

	/**
	 * Create the child runner.
	 * @param dispatch wakes the workers when a child is created
	 */
	public ChildWorkflows(WorkerDispatch dispatch) {
		this.dispatch = dispatch;
	}

	/**
	 * Start (or replay) a child workflow and return its result once it ended.
	 * @param parent the calling workflow's replay context
	 * @param child the child's entry point
	 * @param arguments the call's arguments
	 * @return the child's result
	 */
	public @Nullable Object call(WorkflowExecution parent, WorkflowDefinition child, @Nullable Object[] arguments) {
		AsyncCapture capture = parent.asyncCapture();
		if (capture != null) {
			capture.child(this, child, arguments);
			return null;
		}
		int step = parent.nextStep();
		List<JournalEvent> recorded = parent.recorded(step, child.type(), EventKind.CHILD_STARTED);
		JournalEvent last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
		if (last != null && (last.kind() == EventKind.CHILD_COMPLETED || last.kind() == EventKind.CHILD_FAILED)) {
			return outcome(parent, child, recorded);
		}
		parent.cancellation().deliver(step);
		String childId = begin(parent, child, arguments, step, recorded);
		if (!ended(parent, child, step, childId)) {
			throw new WorkflowSuspension(null, Waits.child(childId));
		}
		return outcome(parent, child, parent.journal().at(step));
	}

	/**
	 * Start the child of a step unless the journal shows it started, and return its id.
	 */
	String begin(WorkflowExecution parent, WorkflowDefinition child, @Nullable Object[] arguments, int step,
			List<JournalEvent> recorded) {
		parent.ensureLive();
		return recorded.isEmpty() ? start(parent, child, arguments, step)
				: JournalValues.readText(recorded.get(0).output());
	}

	/**
	 * Record the child's end at the parent's step if it has ended.
	 * @return whether it has ended
	 */
	boolean ended(WorkflowExecution parent, WorkflowDefinition child, int step, String childId) {
		WorkflowRecord record = parent.engine()
			.store()
			.find(childId)
			.orElseThrow(() -> new IllegalStateException("Child workflow '" + childId + "' of workflow '"
					+ parent.workflowId() + "' is missing from the journal"));
		if (!record.status().isTerminal()) {
			return false;
		}
		// The child's span runs from its start, recorded at this step, to its end.
		List<JournalEvent> started = parent.journal().at(step);
		Instant startedAt = started.isEmpty() ? null : started.get(0).timestamp();
		if (record.status() == WorkflowStatus.COMPLETED) {
			parent.writer()
				.appendBegun(step, EventKind.CHILD_COMPLETED, child.type(), 0, null, record.result(), null, null,
						startedAt);
			return true;
		}
		String errorType = (record.errorType() != null) ? record.errorType()
				: WorkflowCancelledException.class.getName();
		String error = (record.error() != null) ? record.error() : "the child workflow was cancelled";
		parent.writer().appendBegun(step, EventKind.CHILD_FAILED, child.type(), 0, null, null, errorType, error, startedAt);
		return true;
	}

	/**
	 * Return the result, or throw the failure, of a step whose child's end is recorded.
	 */
	@Nullable Object outcome(WorkflowExecution parent, WorkflowDefinition child, List<JournalEvent> recorded) {
		JournalEvent last = recorded.get(recorded.size() - 1);
		if (last.kind() == EventKind.CHILD_COMPLETED) {
			String what = "child workflow '" + child.type() + "' of workflow '" + parent.workflowId() + "'";
			return parent.engine().codec().readResult(what, child.method().getGenericReturnType(), last.output());
		}
		throw failed(JournalValues.readText(recorded.get(0).output()), last.errorType(), last.error());
	}

	private String start(WorkflowExecution parent, WorkflowDefinition child, @Nullable Object[] arguments, int step) {
		EngineContext engine = parent.engine();
		String childId = parent.workflowId() + "/" + step;
		if (childId.length() > NewWorkflow.MAX_ID_LENGTH) {
			// Thrown into the workflow code, the same way on every replay: the id depends only on
			// the parent's id and the step.
			throw new IllegalArgumentException(NewWorkflow.tooLong("The id of child workflow '" + child.type()
					+ "' (the parent's id, '/' and the step)", childId) + "; give the parent workflow a shorter id");
		}
		String input = engine.codec().writeArguments("child workflow '" + child.type() + "'", child.method(), arguments);
		Instant now = parent.now();
		JournalEvent event = new JournalEvent(parent.journal().takeSeq(), step, EventKind.CHILD_STARTED, child.type(), 0, input,
				JournalValues.text(childId), null, null, now, now);
		try {
			engine.store()
				.startChild(parent.claim(),
						new NewWorkflow(childId, child.type(), input, now, null, null, null, parent.workflowId())
							.queued(child.declaredQueue()), event,
						now.plus(engine.settings().leaseDuration()));
		}
		catch (RuntimeException ex) {
			throw new RunAbandonedError(ex);
		}
		parent.journal().add(event);
		engine.events().workflowStarted(childId, child.type());
		this.dispatch.wakeUp();
		return childId;
	}

	private static WorkflowFailedException failed(@Nullable String childId, @Nullable String errorType,
			@Nullable String error) {
		return new WorkflowFailedException(String.valueOf(childId), errorType,
				"Child workflow '" + childId + "' failed: " + errorType + ": " + error);
	}

}
