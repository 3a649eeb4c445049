package dev.durable.engine.run;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * The determinism check of a replayed step: the call the code makes now must be the call the
 * journal recorded at that step, of the same kind and name.
 */
final class StepCheck {

	private StepCheck() {
	}

	/**
	 * Compare a recorded step with the call the code makes now.
	 * @param workflow the workflow replayed
	 * @param step the step
	 * @param first the first event recorded at the step
	 * @param name the name of the call made now
	 * @param expected the kinds of record the call made now writes, the first naming the call
	 * @return {@code null} if they match, else the message of the non-determinism
	 */
	static @Nullable String mismatch(WorkflowRecord workflow, int step, JournalEvent first, String name,
			EventKind... expected) {
		boolean kindMatches = false;
		for (EventKind kind : expected) {
			kindMatches |= first.kind() == kind;
		}
		if (kindMatches && first.name().equals(name)) {
			return null;
		}
		return "Workflow '" + workflow.id() + "' (type '" + workflow.type() + "') is not deterministic: at step " + step
				+ " the code now calls " + describe(expected[0], name) + ", but the journal recorded "
				+ describe(first.kind(), first.name()) + ". Restore the old code path for running workflows "
				+ "(Workflow.getVersion) and retry the workflow";
	}

	private static String describe(EventKind kind, String name) {
		switch (kind) {
			case ACTIVITY_COMPLETED:
			case ACTIVITY_ATTEMPT_FAILED:
			case ACTIVITY_FAILED:
				return "activity '" + name + "'";
			case TIMER_STARTED:
				return "Workflow.sleep()";
			case SIDE_EFFECT:
				return ("anyOf".equals(name) || "isDone".equals(name)) ? "DurableFuture." + name + "()"
						: "Workflow." + name + "()";
			case CANCELLATION_DELIVERED:
				return "DurableFuture.get()";
			case VERSION_MARKER:
				return "Workflow.getVersion(\"" + name + "\")";
			case SIGNAL_WAIT_STARTED:
			case SIGNAL_RECEIVED:
			case SIGNAL_REJECTED:
			case SIGNAL_TIMED_OUT:
				return "Workflow.awaitSignal(\"" + name + "\")";
			case EVENT_PUBLISHED:
				return "Workflow.setEvent(\"" + name + "\")";
			case CHILD_STARTED:
			case CHILD_COMPLETED:
			case CHILD_FAILED:
				return "child workflow '" + name + "'";
			default:
				return kind + " '" + name + "'";
		}
	}

}
