package dev.durable.engine.run;

import java.time.Instant;
import java.util.function.LongFunction;

import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes one run's new steps to the journal, fenced by its claim, through the {@link RunWrites} gate.
 */
final class RunJournalWriter {

	private final WorkflowExecution execution;

	private final RunWrites writes = new RunWrites();

	/** An activity's completion recorded but not yet written; only the workflow's thread holds one. */
	private volatile @Nullable JournalEvent held;

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
		record(step, (seq) -> new JournalEvent(seq, step, kind, name, attempt, input, output, errorType, error, now,
				startedAt), true);
	}

	/**
	 * Make a step's event at the journal's next position and add it to the run's journal, written
	 * first if {@code write}; the completion held back before it, if any, is written before.
	 */
	private JournalEvent record(int step, LongFunction<JournalEvent> atPosition, boolean write) {
		WorkflowExecution execution = this.execution;
		execution.ensureLive();
		writeHeld();
		// Activity futures record from the pool's threads: positions are taken one at a time.
		long seq = this.writes.open(execution.journal(), execution.workflowId(), step);
		JournalEvent event;
		try {
			event = atPosition.apply(seq);
			if (write) {
				store(event);
			}
		}
		finally {
			this.writes.done();
		}
		execution.journal().add(event);
		return event;
	}

	/**
	 * Whether an activity's completion, recorded now on the workflow's thread, may be held back
	 * until the run's next durable call or its end ({@link #holdCompletion}): only when nothing else
	 * of the run writes meanwhile (no activity futures) and the completion need not commit with
	 * a transaction of the caller's or the activity's.
	 */
	boolean mayHoldCompletion() {
		return this.execution.startedFutures() == null && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Record an activity's completion without writing it yet: it is written at the run's next
	 * durable call, before that call does anything ({@link #writeHeld}), or with the run's end in
	 * one commit, which saves a W1-style workflow one of its five commits. Nothing outside the run
	 * happens meanwhile, only workflow code, which a replay runs again anyway; a crash in between
	 * runs the activity again, as a crash just before its write would.
	 */
	void holdCompletion(int step, String name, int attempt, String input, @Nullable String output,
			@Nullable Instant startedAt) {
		Instant now = this.execution.now();
		this.held = record(step, (seq) -> new JournalEvent(seq, step, EventKind.ACTIVITY_COMPLETED, name, attempt, input,
				output, null, null, now, startedAt), false);
	}

	/**
	 * Write the completion held back by {@link #holdCompletion}, if any; the run goes on only once
	 * it is committed.
	 */
	void writeHeld() {
		JournalEvent event = this.held;
		if (event == null) {
			return;
		}
		this.held = null;
		this.writes.enter(this.execution.workflowId(), event.step());
		try {
			store(event);
		}
		finally {
			this.writes.done();
		}
	}

	/**
	 * Take the completion held back by {@link #holdCompletion}, to be written with the run's end.
	 * @return the held event, or null
	 */
	@Nullable JournalEvent takeHeld() {
		JournalEvent event = this.held;
		this.held = null;
		return event;
	}

	private void store(JournalEvent event) {
		WorkflowExecution execution = this.execution;
		boolean cancelNow;
		try {
			cancelNow = execution.engine().store().append(execution.claim(), event);
		}
		catch (RuntimeException ex) {
			throw new RunAbandonedError(ex);
		}
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
