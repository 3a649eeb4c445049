package dev.durable.engine.run;

import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * Wakes threads awaiting a workflow as soon as this node ends it, handing them the ended workflow
 * so that they need not read it back; workflows ended by other nodes are seen by the awaiting
 * thread's polling. Keyed by workflow id.
 */
public class CompletionWaiters extends KeyedWaiters {

	void ended(WorkflowRecord workflow) {
		deliver(workflow.id(), workflow);
	}

	/**
	 * A run of the workflow on this node stopped without ending it (it suspended, or was abandoned):
	 * its awaiting threads look in the database again.
	 */
	void leftNode(String workflowId) {
		wake(workflowId);
	}

	/**
	 * Return the workflow as this node ended it, if it did while the waiter was registered.
	 * @param waiter the waiter
	 * @return the ended workflow, or null
	 */
	public static @Nullable WorkflowRecord endedFor(Waiter waiter) {
		return (waiter.delivered() instanceof WorkflowRecord ended) ? ended : null;
	}

}
