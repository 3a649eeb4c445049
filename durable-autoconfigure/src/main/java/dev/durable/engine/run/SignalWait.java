package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.Waits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * A durable wait for a signal at one step: the {@code SIGNAL_WAIT_STARTED} record with its
 * deadline, then any number of {@code SIGNAL_REJECTED} records (signals of that name whose
 * payload does not fit the awaited type), then {@code SIGNAL_RECEIVED} or {@code SIGNAL_TIMED_OUT}.
 * A replay reads rejected records as "go on waiting", so a later signal is taken on the same
 * wait, exactly as on the first run.
 */
final class SignalWait {

	private static final Log logger = LogFactory.getLog(SignalWait.class);

	private final WorkflowExecution execution;

	private final String name;

	private final Class<?> type;

	private final int step;

	private SignalWait(WorkflowExecution execution, String name, Class<?> type, int step) {
		this.execution = execution;
		this.name = name;
		this.type = type;
		this.step = step;
	}

	/**
	 * Wait for a signal; see {@link WorkflowExecution#awaitSignal(String, Class, Duration)}.
	 */
	@SuppressWarnings("unchecked")
	static <T> Optional<T> await(WorkflowExecution execution, String name, Class<T> type, @Nullable Duration timeout) {
		// Read as the boxed type: int.class.cast(Integer) would throw.
		return (Optional<T>) new SignalWait(execution, name, type, execution.nextStep()).await(timeout);
	}

	/**
	 * Take the next pending signal of a name that fits, for a signal future at its step.
	 */
	static Optional<JournalEvent> take(WorkflowExecution execution, String name, Class<?> type, int step) {
		return new SignalWait(execution, name, type, step).take();
	}

	/**
	 * Read a signal's recorded payload as the awaited type.
	 */
	@SuppressWarnings("unchecked")
	static <T> T read(WorkflowExecution execution, String name, Class<T> type, @Nullable String json) {
		return (T) new SignalWait(execution, name, type, 0).read(json).orElse(null);
	}

	private Optional<Object> await(@Nullable Duration timeout) {
		List<JournalEvent> recorded = this.execution.recorded(this.step, this.name, EventKind.SIGNAL_WAIT_STARTED);
		JournalEvent last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
		if (last != null && last.kind() == EventKind.SIGNAL_RECEIVED) {
			return read(last.output());
		}
		if (last != null && last.kind() == EventKind.SIGNAL_TIMED_OUT) {
			return Optional.empty();
		}
		this.execution.cancellation().deliver(this.step);
		Instant deadline;
		if (recorded.isEmpty()) {
			deadline = (timeout != null) ? this.execution.now().plus(timeout.isNegative() ? Duration.ZERO : timeout)
					: null;
			this.execution.writer().append(this.step, EventKind.SIGNAL_WAIT_STARTED, this.name, 0, null,
					(deadline != null) ? JournalValues.text(deadline) : null, null, null);
		}
		else {
			String recordedDeadline = recorded.get(0).output();
			deadline = (recordedDeadline != null) ? JournalValues.readInstant(recordedDeadline) : null;
		}
		Optional<JournalEvent> received = take();
		if (received.isPresent()) {
			return read(received.get().output());
		}
		if (deadline != null && !this.execution.now().isBefore(deadline)) {
			this.execution.writer().append(this.step, EventKind.SIGNAL_TIMED_OUT, this.name, 0, null, null, null, null);
			return Optional.empty();
		}
		throw new WorkflowSuspension(deadline, Waits.signal(this.name));
	}

	/**
	 * Take pending signals of the name until one fits; the store journals each one it takes,
	 * fitting or not, in the transaction that consumes it.
	 */
	private Optional<JournalEvent> take() {
		while (true) {
			this.execution.ensureLive();
			Instant now = this.execution.now();
			List<JournalEvent> taken;
			StepIndex journal = this.execution.journal();
			// The store writes at positions of the journal: activity futures recording meanwhile wait.
			synchronized (journal) {
				try {
					taken = this.execution.engine()
						.store()
						.takeSignal(this.execution.claim(), this.name, journal.nextSeq(), this.step, now,
								now.plus(this.execution.engine().settings().leaseDuration()), this::rejection);
				}
				catch (RuntimeException ex) {
					throw new RunAbandonedError(ex);
				}
				for (JournalEvent event : taken) {
					journal.takeSeq();
					journal.add(event);
				}
			}
			if (taken.isEmpty()) {
				return Optional.empty();
			}
			for (JournalEvent event : taken) {
				if (event.kind() == EventKind.SIGNAL_REJECTED) {
					logger.warn(event.error());
				}
			}
			JournalEvent last = taken.get(taken.size() - 1);
			if (last.kind() == EventKind.SIGNAL_RECEIVED) {
				return Optional.of(last);
			}
		}
	}

	private @Nullable String rejection(@Nullable String payload) {
		return this.execution.engine()
			.codec()
			.misfit(this.type, payload)
			.map((why) -> "The payload of signal '" + this.name + "' sent to workflow '"
					+ this.execution.workflowId() + "' does not fit the awaited type " + this.type.getTypeName() + ": "
					+ why + ". The signal was set aside (kept, with its payload, as a SIGNAL_REJECTED event of the "
					+ "journal) and the workflow still waits for signal '" + this.name + "'; send a payload of that type")
			.orElse(null);
	}

	private Optional<Object> read(@Nullable String json) {
		String what = "signal '" + this.name + "' of workflow '" + this.execution.workflowId() + "'";
		Object value = this.execution.engine().codec().readResult(what, this.type, json);
		return Optional.ofNullable(ClassUtils.resolvePrimitiveIfNecessary(this.type).cast(value));
	}

}
