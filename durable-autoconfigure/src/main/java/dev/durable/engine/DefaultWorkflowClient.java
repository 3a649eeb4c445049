package dev.durable.engine;

import java.util.function.Supplier;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;

/**
 * The {@link WorkflowClient} of the engine.
 */
public class DefaultWorkflowClient implements WorkflowClient {

	private final WorkflowStarter starter;

	private final WorkflowStore store;

	private final WorkflowOutcomes outcomes;

	/**
	 * Create the client.
	 * @param starter creates workflows
	 * @param store the journal
	 * @param outcomes waits for results
	 */
	public DefaultWorkflowClient(WorkflowStarter starter, WorkflowStore store, WorkflowOutcomes outcomes) {
		this.starter = starter;
		this.store = store;
		this.outcomes = outcomes;
	}

	@Override
	public <R> WorkflowHandle<R> start(String workflowId, Supplier<R> entryPointCall) {
		startCaptured(workflowId, entryPointCall::get);
		return new DefaultWorkflowHandle<>(workflowId, this.store, this.outcomes);
	}

	@Override
	public WorkflowHandle<Void> start(String workflowId, Runnable entryPointCall) {
		startCaptured(workflowId, entryPointCall);
		return new DefaultWorkflowHandle<>(workflowId, this.store, this.outcomes);
	}

	@Override
	public <R> WorkflowHandle<R> handle(String workflowId) {
		if (this.store.status(workflowId).isEmpty()) {
			throw WorkflowOutcomes.notFound(workflowId);
		}
		return new DefaultWorkflowHandle<>(workflowId, this.store, this.outcomes);
	}

	@Override
	public void signal(String workflowId, String signalName, Object payload) {
		throw new UnsupportedOperationException("Signals are not available in this version of Durable");
	}

	@Override
	public void cancel(String workflowId) {
		throw new UnsupportedOperationException("Cancellation is not available in this version of Durable");
	}

	private void startCaptured(String workflowId, Runnable entryPointCall) {
		StartCapture capture = StartCapture.begin();
		try {
			entryPointCall.run();
		}
		finally {
			StartCapture.end();
		}
		StartCapture.CapturedCall call = capture.single(workflowId);
		this.starter.start(workflowId, call.workflow(), call.arguments());
	}

}
