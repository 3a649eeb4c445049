package dev.durable.engine.run;

import dev.durable.engine.fault.RunAbandonedError;

/**
 * The gate of one run's journal writes: the workflow thread and the pool threads of its activity
 * futures take positions one at a time, and once the run has ended (or given up its claim) no
 * more are taken; the end waits for the writes under way, so a late outcome is never recorded
 * after it.
 */
final class RunWrites {

	private int writing;

	private boolean closed;

	/**
	 * Take the next position of the journal for a write about to be made.
	 * @throws RunAbandonedError if the run has ended
	 */
	synchronized long open(StepIndex journal, String workflowId, int step) {
		enter(workflowId, step);
		return journal.takeSeq();
	}

	/**
	 * Begin a write whose position was taken before (a held completion).
	 * @throws RunAbandonedError if the run has ended
	 */
	synchronized void enter(String workflowId, int step) {
		if (this.closed) {
			throw new RunAbandonedError(new IllegalStateException("The run of workflow '" + workflowId
					+ "' has ended; a late outcome of step " + step + " is not recorded"));
		}
		this.writing++;
	}

	/**
	 * A write opened with {@link #open} is over, made or not.
	 */
	synchronized void done() {
		this.writing--;
		notifyAll();
	}

	/**
	 * Refuse every later write and wait for those under way.
	 */
	synchronized void close() {
		this.closed = true;
		while (this.writing > 0) {
			try {
				wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

}
