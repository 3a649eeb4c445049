package dev.durable.store;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One caller's write to the {@link GroupCommitWriter} and what became of it; the caller parks
 * until it is done or leads the next batch.
 */
final class PendingWrite {

	static final int WAITING = 0;

	static final int DONE = 1;

	static final int LEAD = 2;

	final JournalWrite write;

	/** The writes this one leads, when it was made leader. */
	@Nullable List<PendingWrite> batchToLead;

	final Thread caller = Thread.currentThread();

	volatile int state = WAITING;

	private @Nullable WriteOutcome outcome;

	@Nullable RuntimeException failure;

	PendingWrite(JournalWrite write) {
		this.write = write;
	}

	/**
	 * Park until done or made leader. An interrupt cannot cut this short: the write may already
	 * be on its way, and the caller must learn whether it was made.
	 */
	void awaitTurn() {
		boolean interrupted = false;
		while (this.state == WAITING) {
			LockSupport.park(this);
			interrupted |= Thread.interrupted();
		}
		if (interrupted) {
			this.caller.interrupt();
		}
	}

	void written(WriteOutcome outcome) {
		this.outcome = outcome;
	}

	/** Whether the write was made (not refused, not failed). */
	boolean made() {
		return this.failure == null && this.outcome != null && this.outcome.made();
	}

	boolean decided() {
		return this.outcome != null || this.failure != null;
	}

	void finish() {
		this.state = DONE;
		LockSupport.unpark(this.caller);
	}

	void lead(List<PendingWrite> batch) {
		this.batchToLead = batch;
		this.state = LEAD;
		LockSupport.unpark(this.caller);
	}

	WriteOutcome outcome() {
		if (this.failure != null) {
			throw this.failure;
		}
		if (this.outcome == null) {
			throw new IllegalStateException("Journal write of workflow '" + this.write.workflowId()
					+ "' ended without an outcome");
		}
		return this.outcome;
	}

}
