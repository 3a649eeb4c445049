package dev.durable.engine.run;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.durable.ActivityFailedException;
import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.observe.ExecutionObserver;
import dev.durable.engine.retry.RetryPolicies;
import dev.durable.engine.retry.RetryPolicy;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an activity call made by workflow code: returns the recorded outcome on replay, else runs
 * attempts under the activity's retry policy, journaling each failed attempt and the final
 * outcome. A backoff longer than the in-thread limit suspends the workflow; the next run resumes
 * with the attempts already made and waits only what is left of the backoff.
 */
public class ActivityInvoker implements AutoCloseable {

	private final RetryPolicies retryPolicies;

	private final ActivityTransactions transactions;

	private final ExecutionObserver observer;

	private final @Nullable ActivityFaults faults;

	private final TimedAttempts timedAttempts;

	private final AsyncActivities asyncActivities;

	/**
	 * Create the invoker.
	 * @param retryPolicies resolves each activity's retry policy
	 * @param transactions finds the transactions of {@code @Transactional} activities
	 * @param timedAttempts the pool on which attempts with a timeout run
	 * @param observer observes each attempt (tracing)
	 * @param faults test support's fault-injection points, or null (the default) for none
	 */
	public ActivityInvoker(RetryPolicies retryPolicies, ActivityTransactions transactions, TimedAttempts timedAttempts,
			ExecutionObserver observer, @Nullable ActivityFaults faults) {
		this(retryPolicies, transactions, timedAttempts, observer, faults, new AsyncActivities(32));
	}

	/**
	 * Create the invoker with the pool of activity futures.
	 * @param retryPolicies resolves each activity's retry policy
	 * @param transactions finds the transactions of {@code @Transactional} activities
	 * @param timedAttempts the pool on which attempts with a timeout run
	 * @param observer observes each attempt (tracing)
	 * @param faults test support's fault-injection points, or null (the default) for none
	 * @param asyncActivities the bounded pool on which activity futures ({@code Workflow.async}) run
	 */
	public ActivityInvoker(RetryPolicies retryPolicies, ActivityTransactions transactions, TimedAttempts timedAttempts,
			ExecutionObserver observer, @Nullable ActivityFaults faults, AsyncActivities asyncActivities) {
		this.retryPolicies = retryPolicies;
		this.transactions = transactions;
		this.timedAttempts = timedAttempts;
		this.observer = observer;
		this.faults = faults;
		this.asyncActivities = asyncActivities;
	}

	/**
	 * Run (or replay) one activity call.
	 * @param execution the calling workflow's replay context
	 * @param activity the activity
	 * @param invocation the intercepted call
	 * @return the activity's result
	 * @throws Throwable {@link ActivityFailedException} when it failed for good
	 */
	public @Nullable Object invoke(WorkflowExecution execution, ActivityDefinition activity, MethodInvocation invocation)
			throws Throwable {
		AsyncCapture capture = execution.asyncCapture();
		if (capture != null) {
			capture.activity(this, activity, invocation);
			return null;
		}
		int step = execution.nextStep();
		String name = activity.name();
		List<JournalEvent> recorded = execution.recorded(step, name, EventKind.ACTIVITY_COMPLETED,
				EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_FAILED);
		JournalEvent last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
		if (last != null && last.kind() == EventKind.ACTIVITY_COMPLETED) {
			return execution.engine().codec().readResult(describe(activity), activity.method().getGenericReturnType(),
					last.output());
		}
		if (last != null && last.kind() == EventKind.ACTIVITY_FAILED) {
			throw new ActivityFailedException(name, last.attempt(), String.valueOf(last.errorType()), String.valueOf(last.error()));
		}
		execution.cancellation().deliver(step);
		execution.ensureLive();
		String input = execution.engine().codec().writeArguments(describe(activity), activity.method(),
				invocation.getArguments());
		RetryPolicy policy = this.retryPolicies.policyFor(activity);
		int failedAttempts = recorded.size();
		Instant nextAttempt = (last != null) ? FailedAttempts.nextAttemptOf(last) : null;
		while (true) {
			if (nextAttempt != null) {
				execution.waitUntil(nextAttempt);
			}
			int attempt = failedAttempts + 1;
			Outcome outcome = attemptObserved(execution, activity, invocation, step, attempt, input, true);
			Throwable failure = outcome.failure();
			if (failure == null) {
				return outcome.result();
			}
			nextAttempt = FailedAttempts.record(execution, policy, step, name, attempt, input, failure,
					outcome.began());
			failedAttempts = attempt;
		}
	}

	/**
	 * Run one attempt, observed and counted; a completion is recorded before this returns.
	 */
	Outcome attemptObserved(WorkflowExecution execution, ActivityDefinition activity, MethodInvocation invocation,
			int step, int attempt, String input) {
		return attemptObserved(execution, activity, invocation, step, attempt, input, false);
	}

	/**
	 * Run one attempt, observed and counted; a completion is recorded before this returns, and
	 * written too unless {@code mayHold} and the run may hold it back (see
	 * {@link RunJournalWriter#holdCompletion}).
	 */
	private Outcome attemptObserved(WorkflowExecution execution, ActivityDefinition activity,
			MethodInvocation invocation, int step, int attempt, String input, boolean mayHold) {
		long attemptStarted = System.nanoTime();
		Instant began = execution.now();
		Outcome outcome = this.observer.observeAttempt(execution.workflowId(), activity.name(), attempt,
				() -> attempt(execution, activity, invocation, step, attempt, input, began, mayHold), Outcome::failure);
		execution.engine().events().activityAttempted(activity.name(), attempt, outcome.failure(),
				Duration.ofNanos(System.nanoTime() - attemptStarted));
		if (outcome.failure() == null && this.faults != null) {
			// A crash injected here must find the completion committed, as its name says.
			execution.writer().writeHeld();
			this.faults.afterCompletionRecorded(execution.claim(), activity.name());
		}
		return new Outcome(outcome.result(), outcome.failure(), began);
	}

	RetryPolicy policyFor(ActivityDefinition activity) {
		return this.retryPolicies.policyFor(activity);
	}

	AsyncActivities asyncActivities() {
		return this.asyncActivities;
	}

	/**
	 * Stop the timed-attempt pool and the pool of activity futures with the application: running
	 * attempts are interrupted.
	 */
	@Override
	public void close() {
		this.timedAttempts.close();
		this.asyncActivities.close();
	}

	/**
	 * Run one attempt; on success its completion is journaled, inside the activity's transaction if
	 * it has one. An attempt with a timeout runs on the bounded timed-attempt pool, and is
	 * interrupted if it overruns.
	 */
	private Outcome attempt(WorkflowExecution execution, ActivityDefinition activity, MethodInvocation invocation,
			int step, int attempt, String input, Instant began, boolean mayHold) {
		Duration timeout = activity.timeout();
		if (timeout == null) {
			return runAttempt(execution, activity, invocation, step, attempt, input, began, null, mayHold);
		}
		AttemptGate gate = new AttemptGate();
		String what = "Activity '" + activity.name() + "' attempt " + attempt + " of workflow '"
				+ execution.workflowId() + "'";
		try {
			return this.timedAttempts.run(what, timeout,
					() -> runAttempt(execution, activity, invocation, step, attempt, input, began, gate, mayHold),
					gate::timeOut);
		}
		catch (TimeoutException ex) {
			return new Outcome(null, new TimeoutException("Activity '" + activity.name() + "' attempt " + attempt
					+ " did not finish within " + timeout));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			gate.timeOut();
			throw new RunAbandonedError(new IllegalStateException("Interrupted while running activity '"
					+ activity.name() + "'", ex));
		}
	}

	private Outcome runAttempt(WorkflowExecution execution, ActivityDefinition activity, MethodInvocation invocation,
			int step, int attempt, String input, Instant began, @Nullable AttemptGate gate, boolean mayHold) {
		String key = execution.workflowId() + ":" + step;
		ExecutionContexts.bindActivity(new ActivityExecution(execution.workflowId(), key, attempt));
		try {
			TransactionTemplate transaction = this.transactions.templateFor(activity);
			Object result = (transaction != null)
					? transaction.execute((status) -> complete(execution, activity, invocation, step, attempt, input, began,
							gate, false))
					: complete(execution, activity, invocation, step, attempt, input, began, gate, mayHold);
			return new Outcome(result, null);
		}
		catch (WorkflowSuspension | RunAbandonedError | ResultNotSerializableException ex) {
			throw ex;
		}
		catch (CannotCreateTransactionException ex) {
			// The activity's own transaction, on the journal's database, could not even begin: the
			// database is away and the activity never ran. That is no failed attempt of the activity
			// (it must not use up its retries); stop the run as for any write the database refuses.
			throw new RunAbandonedError(ex);
		}
		catch (UndeclaredThrowableException ex) {
			return new Outcome(null, (ex.getCause() instanceof AttemptFailure failure) ? failure.getCause() : ex);
		}
		catch (AttemptFailure ex) {
			return new Outcome(null, ex.getCause());
		}
		catch (RuntimeException ex) {
			return new Outcome(null, ex);
		}
		finally {
			ExecutionContexts.bindActivity(null);
		}
	}

	private @Nullable Object complete(WorkflowExecution execution, ActivityDefinition activity,
			MethodInvocation invocation, int step, int attempt, String input, Instant began,
			@Nullable AttemptGate gate, boolean mayHold) {
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			throw new AttemptFailure(ex);
		}
		if (gate != null && !gate.complete()) {
			// Too late: the workflow has counted this attempt as timed out; roll its work back.
			throw new AttemptFailure(new TimeoutException("Activity '" + activity.name() + "' attempt " + attempt
					+ " finished after its timeout"));
		}
		String output;
		try {
			output = (activity.method().getReturnType() == void.class) ? null
					: execution.engine().codec().writeResult(describe(activity), activity.method().getGenericReturnType(),
							result);
		}
		catch (IllegalArgumentException ex) {
			throw new ResultNotSerializableException(ex.getMessage(), ex);
		}
		if (this.faults != null) {
			this.faults.beforeCompletionRecorded(execution.claim(), activity.name());
		}
		if (mayHold && execution.writer().mayHoldCompletion()) {
			execution.writer().holdCompletion(step, activity.name(), attempt, input, output, began);
		}
		else {
			execution.writer()
				.appendBegun(step, EventKind.ACTIVITY_COMPLETED, activity.name(), attempt, input, output, null, null,
						began);
		}
		return result;
	}

	static String describe(ActivityDefinition activity) {
		return "activity '" + activity.name() + "'";
	}

	/** Carries an attempt's exception, checked or not, out of the transaction callback. */
	private static final class AttemptFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		AttemptFailure(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

	/** The activity returned a value that cannot be journaled: fail the call at once, no retry. */
	static final class ResultNotSerializableException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		ResultNotSerializableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * What one attempt ended with: a result, or the failure to retry or report, and when it began
	 * (recorded with a failure, so that the journal shows each attempt's span).
	 */
	record Outcome(@Nullable Object result, @Nullable Throwable failure, @Nullable Instant began) {

		Outcome(@Nullable Object result, @Nullable Throwable failure) {
			this(result, failure, null);
		}

	}

}
