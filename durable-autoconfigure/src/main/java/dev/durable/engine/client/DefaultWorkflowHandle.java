package dev.durable.engine.client;

import java.time.Duration;

import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowQueries;

/**
 * The {@link WorkflowHandle} of the engine: reads status and results from the store.
 * @param <R> the result type
 */
class DefaultWorkflowHandle<R> implements WorkflowHandle<R> {

	private final String workflowId;

	private final WorkflowQueries store;

	private final WorkflowOutcomes outcomes;

	DefaultWorkflowHandle(String workflowId, WorkflowQueries store, WorkflowOutcomes outcomes) {
		this.workflowId = workflowId;
		this.store = store;
		this.outcomes = outcomes;
	}

	@Override
	public String workflowId() {
		return this.workflowId;
	}

	@Override
	public WorkflowStatus status() {
		return this.store.status(this.workflowId).orElseThrow(() -> WorkflowOutcomes.notFound(this.workflowId));
	}

	@Override
	@SuppressWarnings("unchecked")
	public R await(Duration timeout) {
		return (R) this.outcomes.await(this.workflowId, timeout);
	}

	@Override
	public String toString() {
		return "WorkflowHandle[" + this.workflowId + "]";
	}

}
