package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;

/**
 * Durable waits for a time: {@code Workflow.sleep} records its fire time once, and every wait
 * (a timer, a retry backoff) keeps the thread only when it is short, else suspends the workflow.
 */
final class TimerWait {

	private TimerWait() {
	}

	/**
	 * Sleep durably: record the fire time at this step on the first run, read it back on replay.
	 */
	static void sleep(WorkflowExecution execution, Duration duration) {
		int step = execution.nextStep();
		String name = "sleep";
		List<JournalEvent> recorded = execution.recorded(step, name, EventKind.TIMER_STARTED);
		execution.cancellation().deliver(step);
		Instant fireAt;
		if (recorded.isEmpty()) {
			fireAt = execution.now().plus(duration.isNegative() ? Duration.ZERO : duration);
			execution.writer()
				.append(step, EventKind.TIMER_STARTED, name, 0, null, JournalValues.text(fireAt), null, null);
		}
		else {
			fireAt = JournalValues.readInstant(recorded.get(0).output());
		}
		waitUntil(execution, fireAt);
	}

	/**
	 * Wait in this thread if the wait is short, else suspend the workflow until then.
	 */
	static void waitUntil(WorkflowExecution execution, Instant until) {
		if (execution.isReplayOnly()) {
			// A later recorded step proves the wait ended; at the journal's end the check stops.
			if (execution.currentStep() < execution.recordedSteps()) {
				return;
			}
			execution.ensureLive();
		}
		Duration left = Duration.between(execution.now(), until);
		if (left.isNegative() || left.isZero()) {
			return;
		}
		if (left.compareTo(execution.engine().settings().inThreadWaitLimit()) > 0) {
			throw new WorkflowSuspension(until);
		}
		try {
			Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WorkflowSuspension(until);
		}
	}

}
