package dev.durable.engine.client;

import java.util.ArrayList;
import java.util.List;

import dev.durable.engine.definition.WorkflowDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Records the entry-point call made inside the lambda of {@code WorkflowClient.start}, instead of
 * running it.
 */
final class StartCapture {

	private static final ThreadLocal<StartCapture> CURRENT = new ThreadLocal<>();

	private final List<CapturedCall> calls = new ArrayList<>();

	static StartCapture begin() {
		StartCapture capture = new StartCapture();
		CURRENT.set(capture);
		return capture;
	}

	static void end() {
		CURRENT.remove();
	}

	static @Nullable StartCapture current() {
		return CURRENT.get();
	}

	void record(WorkflowDefinition workflow, @Nullable Object[] arguments) {
		this.calls.add(new CapturedCall(workflow, arguments.clone()));
	}

	CapturedCall single(String workflowId) {
		if (this.calls.size() != 1) {
			throw new IllegalArgumentException("WorkflowClient.start(\"" + workflowId + "\", ...) needs a lambda that "
					+ "calls exactly one @DurableWorkflow entry point on an injected workflow bean, such as "
					+ "() -> orders.process(order), but it called " + this.calls.size()
					+ ((this.calls.size() == 0) ? " (is the bean injected, not created with new?)" : ""));
		}
		return this.calls.get(0);
	}

	/**
	 * One captured entry-point call.
	 * @param workflow the entry point
	 * @param arguments its arguments
	 */
	record CapturedCall(WorkflowDefinition workflow, @Nullable Object[] arguments) {
	}

}
