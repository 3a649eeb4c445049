package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;

/**
 * The future of {@code Workflow.timer}: its fire time is recorded at its step when it is created,
 * as {@code Workflow.sleep} records it, and it is done once that time has passed.
 */
final class TimerFuture extends StepFuture<Void> {

	private final Instant fireAt;

	private TimerFuture(FutureSteps futures, Instant fireAt) {
		super(futures);
		this.fireAt = fireAt;
	}

	static TimerFuture start(FutureSteps futures, int step, Duration duration) {
		WorkflowExecution execution = futures.execution();
		List<JournalEvent> recorded = execution.recorded(step, "sleep", EventKind.TIMER_STARTED);
		Instant fireAt;
		if (recorded.isEmpty()) {
			fireAt = execution.now().plus(duration.isNegative() ? Duration.ZERO : duration);
			execution.writer()
				.append(step, EventKind.TIMER_STARTED, "sleep", 0, null, JournalValues.text(fireAt), null, null);
		}
		else {
			fireAt = JournalValues.readInstant(recorded.get(0).output());
		}
		return new TimerFuture(futures, fireAt);
	}

	@Override
	boolean poll() {
		return !futures().execution().now().isBefore(this.fireAt);
	}

	@Override
	Void outcome() {
		return null;
	}

	@Override
	void pending(PendingWait pending) {
		pending.timer(this.fireAt);
	}

	@Override
	Progress progress() {
		return Progress.ELSEWHERE;
	}

}
