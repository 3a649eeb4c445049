package dev.durable.engine.run;

/**
 * Wakes threads awaiting a workflow as soon as this node ends it; workflows ended by other nodes
 * are seen by the awaiting thread's polling. Keyed by workflow id.
 */
public class CompletionWaiters extends KeyedWaiters {

	void ended(String workflowId) {
		wake(workflowId);
	}

}
