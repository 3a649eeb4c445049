package dev.durable.engine.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.durable.StartOptions;
import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowCommands;
import dev.durable.engine.run.AfterCommit;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.LeaseKeeper;
import dev.durable.engine.run.WorkerDispatch;
import org.jspecify.annotations.Nullable;


/**
 * The {@link WorkflowClient} of the engine.
 */
public class DefaultWorkflowClient implements WorkflowClient {

	private final WorkflowStarter starter;

	private final EngineContext engine;

	private final WorkflowOutcomes outcomes;

	private final LeaseKeeper leases;

	private final WorkerDispatch dispatch;

	private final PublishedEvents published;

	/**
	 * Create the client.
	 * @param starter creates workflows
	 * @param engine the engine context
	 * @param outcomes waits for results
	 * @param leases the workflows running on this node, told of cancellations at once
	 * @param dispatch wakes the workers when a signal or cancellation makes a workflow due
	 * @param published reads the values workflows publish, waiting for them
	 */
	public DefaultWorkflowClient(WorkflowStarter starter, EngineContext engine, WorkflowOutcomes outcomes,
			LeaseKeeper leases, WorkerDispatch dispatch, PublishedEvents published) {
		this.starter = starter;
		this.engine = engine;
		this.outcomes = outcomes;
		this.leases = leases;
		this.dispatch = dispatch;
		this.published = published;
	}

	@Override
	public <R> WorkflowHandle<R> start(String workflowId, Supplier<R> entryPointCall) {
		return start(StartOptions.id(workflowId), entryPointCall);
	}

	@Override
	public WorkflowHandle<Void> start(String workflowId, Runnable entryPointCall) {
		return start(StartOptions.id(workflowId), entryPointCall);
	}

	@Override
	public <R> WorkflowHandle<R> start(StartOptions options, Supplier<R> entryPointCall) {
		startCaptured(options, entryPointCall::get);
		return handleOf(options.id());
	}

	@Override
	public WorkflowHandle<Void> start(StartOptions options, Runnable entryPointCall) {
		startCaptured(options, entryPointCall);
		return handleOf(options.id());
	}

	@Override
	public <R> WorkflowHandle<R> handle(String workflowId) {
		if (this.engine.store().status(workflowId).isEmpty()) {
			throw WorkflowOutcomes.notFound(workflowId);
		}
		return handleOf(workflowId);
	}

	@Override
	public void signal(String workflowId, String signalName, @Nullable Object payload) {
		if (signalName == null || signalName.isBlank() || signalName.length() > 255) {
			throw new IllegalArgumentException("A signal name must be 1 to 255 characters, not blank; got "
					+ ((signalName == null) ? "null" : "\"" + signalName + "\""));
		}
		String what = "signal '" + signalName + "' for workflow '" + workflowId + "'";
		String json = this.engine.codec().writeResult(what, (payload != null) ? payload.getClass() : Object.class, payload);
		WorkflowCommands.Delivery delivery = this.engine.store()
			.sendSignal(workflowId, signalName, json, this.engine.clock().instant());
		switch (delivery) {
			case NOT_FOUND:
				throw WorkflowOutcomes.notFound(workflowId);
			case ENDED:
				throw new IllegalStateException("Workflow '" + workflowId + "' has ended (status "
						+ statusOf(workflowId) + "), so signal '" + signalName + "' was not stored");
			default:
				AfterCommit.run(this.dispatch::wakeUp);
		}
	}

	@Override
	public void cancel(String workflowId) {
		WorkflowCommands.Delivery delivery = this.engine.store().requestCancel(workflowId, this.engine.clock().instant());
		switch (delivery) {
			case NOT_FOUND:
				throw WorkflowOutcomes.notFound(workflowId);
			case ENDED:
				WorkflowStatus status = statusOf(workflowId);
				if (status != WorkflowStatus.CANCELLED) {
					throw new IllegalStateException(
							"Workflow '" + workflowId + "' has already ended (status " + status + "); it cannot be cancelled");
				}
				return;
			default:
				AfterCommit.run(() -> {
					this.leases.cancelRequested(workflowId);
					this.dispatch.wakeUp();
				});
		}
	}

	@Override
	public <T> Optional<T> getEvent(String workflowId, String key, Class<T> type, Duration timeout) {
		Objects.requireNonNull(workflowId, "workflowId");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(timeout, "timeout");
		return this.published.get(workflowId, key, type, timeout);
	}

	private <R> WorkflowHandle<R> handleOf(String workflowId) {
		return new DefaultWorkflowHandle<>(workflowId, this.engine.store(), this.outcomes);
	}

	private @Nullable WorkflowStatus statusOf(String workflowId) {
		return this.engine.store().status(workflowId).orElse(null);
	}

	private void startCaptured(StartOptions options, Runnable entryPointCall) {
		Objects.requireNonNull(options, "options");
		String workflowId = options.id();
		StartCapture capture = StartCapture.begin();
		try {
			entryPointCall.run();
		}
		finally {
			StartCapture.end();
		}
		StartCapture.CapturedCall call = capture.single(workflowId);
		this.starter.start(options, call.workflow(), call.arguments());
	}

}
