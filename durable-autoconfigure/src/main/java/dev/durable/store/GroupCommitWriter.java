package dev.durable.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Commits the journal writes of concurrent workflows together. A thread that finds fewer than
 * the allowed number of transactions under way writes at once, so a lone workflow waits for
 * nothing; writes that arrive meanwhile queue, and when a transaction has committed the first
 * of them writes the queue in the next one. Every caller returns only after the transaction holding
 * its write has committed: what a workflow continues past is durable, and a crash before the
 * commit loses only writes whose callers were never told they were made.
 */
final class GroupCommitWriter {

	private final BatchCommitter committer;

	private final int maxBatch;

	private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();

	private final int maxInFlight;

	/** How many shared transactions are being written; guarded by the queue. */
	private int inFlight;

	GroupCommitWriter(DataSource dataSource, JournalStatements statements, int maxBatch, int maxInFlight) {
		this(dataSource, statements, maxBatch, maxInFlight, statements.postgresql()
				? new JournalAnalyzer(dataSource, JournalAnalyzer.DEFAULT_THRESHOLD) : null);
	}

	GroupCommitWriter(DataSource dataSource, JournalStatements statements, int maxBatch, int maxInFlight,
			@Nullable JournalAnalyzer analyzer) {
		this.committer = new BatchCommitter(dataSource, statements, analyzer);
		this.maxBatch = maxBatch;
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Make a write and return once it is committed.
	 * @return what became of it ({@link WriteOutcome#REFUSED} if its claim was replaced and nothing
	 * was written)
	 * @throws DataAccessException if the database failed; the write may or may not have been made
	 */
	WriteOutcome write(JournalWrite write) {
		PendingWrite mine = new PendingWrite(write);
		List<PendingWrite> batch = null;
		synchronized (this.queue) {
			this.queue.addLast(mine);
			if (this.inFlight < this.maxInFlight) {
				this.inFlight++;
				batch = take();
			}
		}
		if (batch == null) {
			mine.awaitTurn();
			batch = mine.batchToLead;
		}
		if (batch != null) {
			writeBatch(batch);
		}
		return mine.outcome();
	}

	/**
	 * How many writes wait for a transaction; for tests.
	 */
	int queued() {
		synchronized (this.queue) {
			return this.queue.size();
		}
	}

	/** Take the oldest queued writes, up to a batch; the caller holds the queue's lock. */
	private List<PendingWrite> take() {
		List<PendingWrite> batch = new ArrayList<>(Math.min(this.queue.size(), this.maxBatch));
		while (!this.queue.isEmpty() && batch.size() < this.maxBatch) {
			batch.add(this.queue.pollFirst());
		}
		return batch;
	}

	/**
	 * As a leader: write and commit a batch (this thread's write among it), wake its writers, and
	 * hand what queued meanwhile to the first of those writes to lead.
	 */
	private void writeBatch(List<PendingWrite> batch) {
		try {
			this.committer.commit(batch);
		}
		catch (Error ex) {
			for (PendingWrite pending : batch) {
				pending.failure = new IllegalStateException("Journal write failed: " + ex, ex);
			}
			throw ex;
		}
		finally {
			// Waiters must never be left parked, whatever happened to this batch.
			List<PendingWrite> next = null;
			synchronized (this.queue) {
				if (this.queue.isEmpty()) {
					this.inFlight--;
				}
				else {
					next = take();
				}
			}
			// The next leader first: the database waits for its statement, the writers woken after it
			// only go on with their workflows.
			if (next != null) {
				next.get(0).lead(next);
			}
			for (PendingWrite done : batch) {
				done.finish();
			}
		}
	}


}
