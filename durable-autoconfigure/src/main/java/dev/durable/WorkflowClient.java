package dev.durable;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts, finds, signals and cancels workflows. Auto-configured as a bean.
 *
 * <p>{@code start} records the single entry-point call made inside its lambda, persists the
 * workflow and returns at once; workers run it:
 * <pre>{@code
 * WorkflowHandle<Receipt> handle = client.start("order-42", () -> orders.process(order));
 * Receipt receipt = handle.await(Duration.ofMinutes(1));
 * }</pre>
 */
public interface WorkflowClient {

	/**
	 * Start a workflow with the given id, or return the existing one's handle if that id exists.
	 *
	 * <p>Inside an active transaction on the application's DataSource the workflow is written in
	 * that transaction and begins running only after it commits; a rollback leaves no workflow.
	 * @param <R> the entry point's result type
	 * @param workflowId the workflow id, unique across all workflows
	 * @param entryPointCall a lambda that makes exactly one call of a {@code @DurableWorkflow} entry point
	 * @return the handle of the started (or existing) workflow
	 * @throws IllegalArgumentException if the lambda makes no entry-point call or more than one,
	 * or an argument cannot be serialized
	 */
	<R> WorkflowHandle<R> start(String workflowId, Supplier<R> entryPointCall);

	/**
	 * Start a workflow whose entry point returns nothing; see {@link #start(String, Supplier)}.
	 * @param workflowId the workflow id, unique across all workflows
	 * @param entryPointCall a lambda that makes exactly one call of a {@code @DurableWorkflow} entry point
	 * @return the handle of the started (or existing) workflow
	 */
	WorkflowHandle<Void> start(String workflowId, Runnable entryPointCall);

	/**
	 * Start a workflow with options (a delay, a queue, a priority, a timeout), or return the
	 * existing one's handle if its id exists, changing nothing; see
	 * {@link #start(String, Supplier)}, which is {@code start(StartOptions.id(workflowId), call)}.
	 * @param <R> the entry point's result type
	 * @param options the workflow id and how to start it
	 * @param entryPointCall a lambda that makes exactly one call of a {@code @DurableWorkflow} entry point
	 * @return the handle of the started (or existing) workflow
	 * @throws IllegalArgumentException if the lambda makes no entry-point call or more than one, an
	 * argument cannot be serialized, or the options name a queue that is not configured
	 */
	<R> WorkflowHandle<R> start(StartOptions options, Supplier<R> entryPointCall);

	/**
	 * Start a workflow whose entry point returns nothing, with options; see
	 * {@link #start(StartOptions, Supplier)}.
	 * @param options the workflow id and how to start it
	 * @param entryPointCall a lambda that makes exactly one call of a {@code @DurableWorkflow} entry point
	 * @return the handle of the started (or existing) workflow
	 */
	WorkflowHandle<Void> start(StartOptions options, Runnable entryPointCall);

	/**
	 * Return the handle of an existing workflow.
	 * @param <R> the entry point's result type
	 * @param workflowId the workflow id
	 * @return its handle
	 * @throws WorkflowNotFoundException if no workflow has that id
	 */
	<R> WorkflowHandle<R> handle(String workflowId);

	/**
	 * Send a signal; durable once this method returns. A signal sent before the workflow waits
	 * for it is kept and delivered when it does.
	 * @param workflowId the workflow id
	 * @param signalName the signal name the workflow awaits
	 * @param payload the payload, serialized as JSON
	 * @throws WorkflowNotFoundException if no workflow has that id
	 * @throws IllegalStateException if the workflow has ended
	 */
	void signal(String workflowId, String signalName, Object payload);

	/**
	 * Request cancellation: the workflow sees {@link WorkflowCancelledException} at its next
	 * durable call and ends {@link WorkflowStatus#CANCELLED}.
	 * @param workflowId the workflow id
	 * @throws WorkflowNotFoundException if no workflow has that id
	 */
	void cancel(String workflowId);

	/**
	 * Read the latest value a workflow published under a key with {@link Workflow#setEvent}: at
	 * once if it is set, else waiting up to {@code timeout} for it. On this node a value is seen
	 * as soon as it is committed; one published by another node within
	 * {@code durable.events.poll-interval}. Values stay readable after the workflow has ended,
	 * until retention deletes it.
	 * @param <T> the value type
	 * @param workflowId the workflow id
	 * @param key the key
	 * @param type the value type, to read the JSON as
	 * @param timeout the longest wait; {@link Duration#ZERO} does not wait
	 * @return the value, or empty if the key was not set in time
	 * @throws WorkflowNotFoundException if no workflow has that id
	 */
	<T> Optional<T> getEvent(String workflowId, String key, Class<T> type, Duration timeout);

}
