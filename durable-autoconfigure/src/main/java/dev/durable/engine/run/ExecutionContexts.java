package dev.durable.engine.run;

import org.jspecify.annotations.Nullable;

/**
 * The thread-bound state behind the static {@code Workflow} and {@code ActivityContext} facades:
 * which workflow this thread is running and which activity attempt, if any.
 */
public final class ExecutionContexts {

	private static final ThreadLocal<WorkflowExecution> WORKFLOW = new ThreadLocal<>();

	private static final ThreadLocal<ActivityExecution> ACTIVITY = new ThreadLocal<>();

	private ExecutionContexts() {
	}

	/**
	 * Return the workflow running on this thread, for a facade method.
	 * @param operation the facade method, named in the error
	 * @return the running workflow
	 * @throws IllegalStateException if no workflow runs on this thread, or an activity does
	 */
	public static WorkflowExecution workflow(String operation) {
		WorkflowExecution execution = WORKFLOW.get();
		if (execution == null || ACTIVITY.get() != null) {
			throw new IllegalStateException(operation + " can only be called in workflow code, that is on the thread "
					+ "running a @DurableWorkflow entry point (not in an activity or in ordinary code)");
		}
		return execution;
	}

	/**
	 * Return the activity attempt running on this thread, for a facade method.
	 * @param operation the facade method, named in the error
	 * @return the running attempt
	 * @throws IllegalStateException if no activity of a workflow runs on this thread
	 */
	public static ActivityExecution activity(String operation) {
		ActivityExecution execution = ACTIVITY.get();
		if (execution == null) {
			throw new IllegalStateException(operation + " can only be called inside an @Activity method "
					+ "that a workflow called");
		}
		return execution;
	}

	public static @Nullable WorkflowExecution currentWorkflow() {
		return WORKFLOW.get();
	}

	public static @Nullable ActivityExecution currentActivity() {
		return ACTIVITY.get();
	}

	static void bindWorkflow(@Nullable WorkflowExecution execution) {
		if (execution == null) {
			WORKFLOW.remove();
		}
		else {
			WORKFLOW.set(execution);
		}
	}

	static void bindActivity(@Nullable ActivityExecution execution) {
		if (execution == null) {
			ACTIVITY.remove();
		}
		else {
			ACTIVITY.set(execution);
		}
	}

}
