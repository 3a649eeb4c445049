package dev.durable.engine.run;

import java.time.Instant;

import dev.durable.ActivityFailedException;
import dev.durable.engine.journal.ErrorText;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Journals a failed activity attempt alike for direct calls and activity futures, and reads its retry time back.
 */
final class FailedAttempts {

	private FailedAttempts() {
	}

	/**
	 * Journal a failed attempt: for good if the retry policy allows no more, else with the time of
	 * the next attempt.
	 * @param began when the failed attempt began, recorded with it
	 * @return the time of the next attempt
	 * @throws ActivityFailedException once the failure for good is journaled
	 */
	static Instant record(WorkflowExecution execution, RetryPolicy policy, int step, String name, int attempt,
			@Nullable String input, Throwable failure, @Nullable Instant began) {
		String errorType = failure.getClass().getName();
		String error = ErrorText.of(failure);
		if (!policy.allowsRetry(attempt, failure)) {
			execution.writer()
				.appendBegun(step, EventKind.ACTIVITY_FAILED, name, attempt, input, null, errorType, error, began);
			throw new ActivityFailedException(name, attempt, errorType, error);
		}
		// The next attempt's time is journaled with the failure: a restart mid-backoff waits only
		// for what is left of it, even when the interval is randomized.
		Instant failedAt = execution.now();
		Instant nextAttempt = failedAt.plus(policy.backoffAfter(attempt, failure));
		execution.writer()
			.append(step, EventKind.ACTIVITY_ATTEMPT_FAILED, name, attempt, input, JournalValues.text(nextAttempt),
					errorType, error, failedAt, began);
		return nextAttempt;
	}

	/**
	 * Return when the attempt after a journaled failed one is due.
	 */
	static Instant nextAttemptOf(JournalEvent failedAttempt) {
		String recorded = failedAttempt.output();
		return (recorded != null) ? JournalValues.readInstant(recorded) : failedAttempt.timestamp();
	}

}
