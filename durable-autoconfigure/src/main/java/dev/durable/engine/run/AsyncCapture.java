package dev.durable.engine.run;

import java.util.function.Supplier;

import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.definition.WorkflowDefinition;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * The lambda given to {@code Workflow.async} while it runs: its one durable call, an activity or
 * a child workflow, becomes a future at the step {@code async} took, instead of running in line.
 */
final class AsyncCapture {

	private final FutureSteps futures;

	private final int step;

	// Made once the lambda returned: a lambda that makes a second call starts nothing.
	private @Nullable Supplier<StepFuture<?>> call;

	AsyncCapture(FutureSteps futures, int step) {
		this.futures = futures;
		this.step = step;
	}

	/**
	 * Take the lambda's activity call.
	 */
	void activity(ActivityInvoker invoker, ActivityDefinition activity, MethodInvocation invocation) {
		checkFirst();
		this.call = () -> this.futures.activity(this.step, invoker, activity, invocation);
	}

	/**
	 * Take the lambda's child workflow call.
	 */
	void child(ChildWorkflows children, WorkflowDefinition child, @Nullable Object[] arguments) {
		checkFirst();
		this.call = () -> this.futures.child(this.step, children, child, arguments);
	}

	private void checkFirst() {
		if (this.call != null) {
			throw notOneCall("made a second durable call");
		}
	}

	@SuppressWarnings("unchecked")
	<R> StepFuture<R> future() {
		if (this.call == null) {
			throw notOneCall("made no durable call");
		}
		return (StepFuture<R>) this.call.get();
	}

	IllegalArgumentException notOneCall(String what) {
		WorkflowExecution execution = this.futures.execution();
		return new IllegalArgumentException("The lambda given to Workflow.async() at step " + this.step
				+ " of workflow '" + execution.workflowId() + "' (type '" + execution.workflow().type() + "') " + what
				+ "; it must make exactly one durable call: an @Activity method or a workflow entry point "
				+ "(a child workflow), e.g. Workflow.async(() -> payments.charge(order))");
	}

}
