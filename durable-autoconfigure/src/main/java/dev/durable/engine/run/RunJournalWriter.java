package dev.durable.engine.run;

import java.time.Instant;

import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import org.jspecify.annotations.Nullable;

/**
 * Writes one run's new steps to the journal, fenced by its claim, through the {@link RunWrites} gate.
 */
final class RunJournalWriter {

	private final WorkflowExecution execution;

	private final RunWrites writes = new RunWrites();

	RunJournalWriter(WorkflowExecution execution) {
		this.execution = execution;
	}

	void append(int step, EventKind kind, String name, int attempt, @Nullable String input, @Nullable String output,
			@Nullable String errorType, @Nullable String error) {
		append(step, kind, name, attempt, input, output, errorType, error, this.execution.now(), null);
	}

	/**
	 * Record the end of something that began earlier (an activity's attempt, a child workflow), with
	 * its begin time, so that the journal shows steps that ran at once side by side.
	 */
	void appendBegun(int step, EventKind kind, String name, int attempt, @Nullable String input,
			@Nullable String output, @Nullable String errorType, @Nullable String error, @Nullable Instant startedAt) {
		append(step, kind, name, attempt, input, output, errorType, error, this.execution.now(), startedAt);
	}

	void append(int step, EventKind kind, String name, int attempt, @Nullable String input, @Nullable String output,
			@Nullable String errorType, @Nullable String error, Instant now, @Nullable Instant startedAt) {
		WorkflowExecution execution = this.execution;
		execution.ensureLive();
		// Activity futures record from the pool's threads: positions are taken one at a time.
		long seq = this.writes.open(execution.journal(), execution.workflowId(), step);
		JournalEvent event;
		boolean cancelNow;
		try {
			event = new JournalEvent(seq, step, kind, name, attempt, input, output, errorType, error, now, startedAt);
			cancelNow = execution.engine().store().append(execution.claim(), event);
		}
		catch (RuntimeException ex) {
			throw new RunAbandonedError(ex);
		}
		finally {
			this.writes.done();
		}
		execution.journal().add(event);
		if (cancelNow) {
			// Delivered at the next durable call, as a cancellation through the lease keeper is.
			execution.cancellation().request();
		}
	}

	/**
	 * Refuse every later write of this run's activity futures, and wait for those under way: the
	 * run ends, or gives up its claim, without their outcomes.
	 */
	void close() {
		this.writes.close();
	}

	boolean isClosed() {
		return this.writes.isClosed();
	}

	/**
	 * Build a lifecycle event (start, end, non-determinism) at the next position of the journal.
	 */
	JournalEvent lifecycleEvent(EventKind kind, @Nullable String output, @Nullable String errorType,
			@Nullable String error) {
		WorkflowExecution execution = this.execution;
		return new JournalEvent(execution.journal().nextSeq(), 0, kind, execution.workflow().type(), 0, null, output,
				errorType, error, execution.now());
	}

}
