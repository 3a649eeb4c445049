package dev.durable.engine.run;

import java.util.List;

import dev.durable.Workflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;

/**
 * {@code Workflow.getVersion}: a version marker takes a step only where the journal has one or the
 * run is past its recorded steps, so that a workflow that passed a point before the change existed
 * replays without it.
 */
final class VersionMarker {

	private VersionMarker() {
	}

	static int getVersion(WorkflowExecution execution, String changeId, int minSupported, int maxSupported) {
		execution.nonDeterminism().throwIfPoisoned();
		int step = execution.currentStep() + 1;
		List<JournalEvent> atStep = execution.journal().at(step);
		int version;
		if (!atStep.isEmpty() && atStep.get(0).kind() == EventKind.VERSION_MARKER
				&& atStep.get(0).name().equals(changeId)) {
			execution.takeStep(step);
			version = Integer.parseInt(atStep.get(0).output());
		}
		else if (step <= execution.recordedSteps()) {
			// This execution passed here before the change existed: no marker, no step taken.
			version = Workflow.DEFAULT_VERSION;
		}
		else {
			execution.takeStep(step);
			version = maxSupported;
			execution.writer()
				.append(step, EventKind.VERSION_MARKER, changeId, 0, null, Integer.toString(version), null, null);
		}
		if (version < minSupported || version > maxSupported) {
			throw execution.nonDeterminism()
				.poison("Workflow '" + execution.workflowId() + "' follows version " + version + " of change '"
						+ changeId + "', but the code supports versions " + minSupported + " to " + maxSupported
						+ "; keep the old branch until no running workflow needs it");
		}
		return version;
	}

}
