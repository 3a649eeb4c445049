package dev.durable.engine.run;

import java.util.List;
import java.util.Optional;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.Waits;

/**
 * The future of {@code Workflow.signal}: a signal wait recorded at its step when it is created;
 * the signal is taken from the workflow's queue only when the future is checked and found done,
 * so a signal future that loses a race leaves the signal for the next wait of that name.
 *
 * @param <T> the payload type
 */
final class SignalFuture<T> extends StepFuture<T> {

	private final int step;

	private final String name;

	private final Class<T> type;

	private volatile boolean done;

	private T payload;

	private SignalFuture(FutureSteps futures, int step, String name, Class<T> type) {
		super(futures);
		this.step = step;
		this.name = name;
		this.type = type;
	}

	static <T> SignalFuture<T> start(FutureSteps futures, int step, String name, Class<T> type) {
		WorkflowExecution execution = futures.execution();
		List<JournalEvent> recorded = execution.recorded(step, name, EventKind.SIGNAL_WAIT_STARTED);
		if (recorded.isEmpty()) {
			execution.writer().append(step, EventKind.SIGNAL_WAIT_STARTED, name, 0, null, null, null, null);
		}
		return new SignalFuture<>(futures, step, name, type);
	}

	@Override
	boolean poll() {
		if (this.done) {
			return true;
		}
		WorkflowExecution execution = futures().execution();
		List<JournalEvent> recorded = execution.journal().at(this.step);
		JournalEvent last = recorded.get(recorded.size() - 1);
		if (last.kind() != EventKind.SIGNAL_RECEIVED) {
			Optional<JournalEvent> taken = SignalWait.take(execution, this.name, this.type, this.step);
			if (taken.isEmpty()) {
				return false;
			}
			last = taken.get();
		}
		this.payload = SignalWait.read(execution, this.name, this.type, last.output());
		this.done = true;
		return true;
	}

	@Override
	T outcome() {
		return this.payload;
	}

	@Override
	void pending(PendingWait pending) {
		if (!this.done) {
			pending.external(Waits.signal(this.name));
		}
	}

	@Override
	Progress progress() {
		return this.done ? Progress.DONE : Progress.ELSEWHERE;
	}

}
