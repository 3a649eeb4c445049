package dev.durable.engine.journal;

import java.util.List;
import java.util.Objects;

/**
 * A workflow and its journal, as a run starts from them.
 * @param workflow the workflow's row
 * @param journal its events in order
 */
public record LoadedWorkflow(WorkflowRecord workflow, List<JournalEvent> journal) {

	/**
	 * Validate the loaded workflow.
	 */
	public LoadedWorkflow {
		Objects.requireNonNull(workflow, "workflow");
		journal = List.copyOf(journal);
	}

}
