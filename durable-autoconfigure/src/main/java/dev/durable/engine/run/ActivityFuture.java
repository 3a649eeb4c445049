package dev.durable.engine.run;

import java.time.Instant;
import java.util.List;

import dev.durable.ActivityFailedException;
import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The future of an activity started with {@code Workflow.async}: done at once on replay when its
 * step has an outcome, else its attempts run on the node's pool ({@link AsyncActivities}) and each
 * is recorded at its step when it ends, whether or not the workflow waits for it yet.
 *
 * @param <R> the activity's result type
 */
final class ActivityFuture<R> extends StepFuture<R> {

	private static final Log logger = LogFactory.getLog(ActivityFuture.class);

	private final int step;

	private final ActivityInvoker invoker;

	private final ActivityDefinition activity;

	private final MethodInvocation invocation;

	private @Nullable String input;

	private volatile boolean done;

	private volatile @Nullable Object result;

	private volatile @Nullable RuntimeException failure;

	private volatile @Nullable Throwable abandoned;

	private ActivityFuture(FutureSteps futures, int step, ActivityInvoker invoker, ActivityDefinition activity,
			MethodInvocation invocation) {
		super(futures);
		this.step = step;
		this.invoker = invoker;
		this.activity = activity;
		this.invocation = invocation;
	}

	static ActivityFuture<?> start(FutureSteps futures, int step, ActivityInvoker invoker,
			ActivityDefinition activity, MethodInvocation invocation) {
		WorkflowExecution execution = futures.execution();
		String name = activity.name();
		List<JournalEvent> recorded = execution.recorded(step, name, EventKind.ACTIVITY_COMPLETED,
				EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_FAILED);
		ActivityFuture<?> future = new ActivityFuture<>(futures, step, invoker, activity, invocation);
		JournalEvent last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
		if (last != null && last.kind() == EventKind.ACTIVITY_COMPLETED) {
			future.result = execution.engine()
				.codec()
				.readResult(ActivityInvoker.describe(activity), activity.method().getGenericReturnType(), last.output());
			future.done = true;
			return future;
		}
		if (last != null && last.kind() == EventKind.ACTIVITY_FAILED) {
			future.failure = new ActivityFailedException(name, last.attempt(), String.valueOf(last.errorType()),
					String.valueOf(last.error()));
			future.done = true;
			return future;
		}
		execution.ensureLive();
		future.input = execution.engine()
			.codec()
			.writeArguments(ActivityInvoker.describe(activity), activity.method(), invocation.getArguments());
		Instant nextAttempt = (last != null) ? FailedAttempts.nextAttemptOf(last) : null;
		invoker.asyncActivities().start(future, recorded.size() + 1, nextAttempt);
		return future;
	}

	int step() {
		return this.step;
	}

	ActivityInvoker invoker() {
		return this.invoker;
	}

	ActivityDefinition activity() {
		return this.activity;
	}

	MethodInvocation invocation() {
		return this.invocation;
	}

	String input() {
		return String.valueOf(this.input);
	}

	WorkflowExecution execution() {
		return futures().execution();
	}

	void complete(@Nullable Object value) {
		this.result = value;
		this.done = true;
		futures().changed();
	}

	void fail(RuntimeException ex) {
		this.failure = ex;
		this.done = true;
		futures().changed();
	}

	/**
	 * The outcome could not be recorded: the run lost its claim or ended. The workflow's next run
	 * runs the activity again.
	 */
	void abandon(Throwable why) {
		logger.info("The outcome of activity '" + this.activity.name() + "' at step " + this.step + " of workflow '"
				+ execution().workflowId() + "' is not recorded (" + why.getMessage() + "); the workflow's next run "
				+ "runs it again");
		this.abandoned = why;
		futures().changed();
	}

	@Override
	boolean poll() {
		return this.done;
	}

	@Override
	@SuppressWarnings("unchecked")
	R outcome() {
		RuntimeException thrown = this.failure;
		if (thrown != null) {
			throw thrown;
		}
		return (R) this.result;
	}

	@Override
	void pending(PendingWait pending) {
		if (!this.done) {
			pending.runningHere();
		}
	}

	@Override
	Progress progress() {
		return (this.done || this.abandoned != null) ? Progress.DONE : Progress.RUNNING_HERE;
	}

	@Override
	@Nullable Throwable abandoned() {
		return this.done ? null : this.abandoned;
	}

}
