package dev.durable.engine.observe;

import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Wraps workflow runs and activity attempts, so that tracing (Micrometer Observation) can see
 * them as spans. The engine calls it on the thread that does the work.
 */
public interface ExecutionObserver {

	/** Observes nothing. */
	ExecutionObserver NONE = new ExecutionObserver() {

		@Override
		public <T> T observeRun(String workflowId, String type, Supplier<T> run) {
			return run.get();
		}

		@Override
		public <T> T observeAttempt(String workflowId, String activityName, int attempt, Supplier<T> body,
				Function<T, @Nullable Throwable> failureOf) {
			return body.get();
		}

	};

	/**
	 * Observe one run of a workflow (from claim to end, suspension or abandonment).
	 * @param <T> the run's result type
	 * @param workflowId the workflow id
	 * @param type the workflow type
	 * @param run the run
	 * @return the run's result
	 */
	<T> T observeRun(String workflowId, String type, Supplier<T> run);

	/**
	 * Observe one attempt of an activity.
	 * @param <T> the attempt's result type
	 * @param workflowId the workflow id
	 * @param activityName the activity's name
	 * @param attempt the attempt number, from 1
	 * @param body the attempt
	 * @param failureOf what the attempt's result says failed, or null on success
	 * @return the attempt's result
	 */
	<T> T observeAttempt(String workflowId, String activityName, int attempt, Supplier<T> body,
			Function<T, @Nullable Throwable> failureOf);

}
