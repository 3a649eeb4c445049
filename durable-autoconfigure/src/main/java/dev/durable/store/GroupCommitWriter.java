package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Commits the journal writes of concurrent workflows together. A thread that finds fewer than
 * the allowed number of transactions under way writes at once, so a lone workflow waits for
 * nothing; writes that arrive meanwhile queue, and when a transaction has committed the first
 * of them writes the queue in the next one. Every caller returns only after the transaction holding
 * its write has committed: what a workflow continues past is durable, and a crash before the
 * commit loses only writes whose callers were never told they were made.
 */
final class GroupCommitWriter {

	private static final Log logger = LogFactory.getLog(GroupCommitWriter.class);

	private static final SQLStateSQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

	private final DataSource dataSource;

	private final JournalStatements statements;

	private final int maxBatch;

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	private final int maxInFlight;

	/** How many shared transactions are being written; guarded by the queue. */
	private int inFlight;

	GroupCommitWriter(DataSource dataSource, JournalStatements statements, int maxBatch, int maxInFlight) {
		this.dataSource = dataSource;
		this.statements = statements;
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
		Pending mine = new Pending(write);
		List<Pending> batch = null;
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
	private List<Pending> take() {
		List<Pending> batch = new ArrayList<>(Math.min(this.queue.size(), this.maxBatch));
		while (!this.queue.isEmpty() && batch.size() < this.maxBatch) {
			batch.add(this.queue.pollFirst());
		}
		return batch;
	}

	/**
	 * As a leader: write and commit a batch (this thread's write among it), wake its writers, and
	 * hand what queued meanwhile to the first of those writes to lead.
	 */
	private void writeBatch(List<Pending> batch) {
		try {
			commit(batch);
		}
		catch (Error ex) {
			for (Pending pending : batch) {
				pending.failure = new IllegalStateException("Journal write failed: " + ex, ex);
			}
			throw ex;
		}
		finally {
			// Waiters must never be left parked, whatever happened to this batch.
			List<Pending> next = null;
			synchronized (this.queue) {
				if (this.queue.isEmpty()) {
					this.inFlight--;
				}
				else {
					next = take();
				}
			}
			for (Pending done : batch) {
				done.finish();
			}
			if (next != null) {
				next.get(0).lead(next);
			}
		}
	}

	private void commit(List<Pending> batch) {
		if (this.statements.writesInOneStatement()) {
			commitInOneStatement(batch);
		}
		else {
			commitTogether(batch);
		}
	}

	/**
	 * PostgreSQL: the batch as one statement on an auto-commit connection, a single round trip that
	 * commits it as one implicit transaction, with no BEGIN and no COMMIT round trip. A batch that
	 * fails is rolled back whole, so its writes are then made one by one to find whose error it was.
	 */
	private void commitInOneStatement(List<Pending> batch) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			if (!autoCommit) {
				connection.setAutoCommit(true);
			}
			try {
				writeInOneStatement(connection, batch);
			}
			finally {
				if (!autoCommit) {
					connection.setAutoCommit(false);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			for (Pending pending : batch) {
				if (!pending.decided()) {
					pending.failure = translate(ex);
				}
			}
		}
	}

	private void writeInOneStatement(Connection connection, List<Pending> batch) {
		makeOrSplit(batch, "statement", (writes) -> this.statements.writeTogether(connection, writesOf(writes)),
				(pending) -> writeInOneStatement(connection, List.of(pending)));
	}

	/**
	 * Make a batch's writes with {@code work} and record each outcome; if the batch fails, make
	 * each write alone with {@code alone}, so that one write's error fails no other.
	 */
	private void makeOrSplit(List<Pending> batch, String what, BatchWork work, Consumer<Pending> alone) {
		try {
			WriteOutcome[] written = work.make(batch);
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i).written(written[i]);
			}
		}
		catch (SQLException | RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).failure = translate(ex);
				return;
			}
			logger.debug("A shared journal " + what + " failed (" + ex + "); writing its " + batch.size()
					+ " writes one by one");
			for (Pending pending : batch) {
				alone.accept(pending);
			}
		}
	}

	/**
	 * Other databases: every write in one transaction (one commit, one log flush), statement after
	 * statement; if it fails, each write in a transaction of its own, so that one write's error
	 * fails no other.
	 */
	private void commitTogether(List<Pending> batch) {
		makeOrSplit(batch, "transaction", this::transaction, (pending) -> commitTogether(List.of(pending)));
	}

	private WriteOutcome[] transaction(List<Pending> batch) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			if (autoCommit) {
				connection.setAutoCommit(false);
			}
			try {
				WriteOutcome[] written = this.statements.writeEach(connection, writesOf(batch));
				connection.commit();
				return written;
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection);
				throw ex;
			}
			finally {
				if (autoCommit) {
					connection.setAutoCommit(true);
				}
			}
		}
	}

	private static List<JournalWrite> writesOf(List<Pending> batch) {
		List<JournalWrite> writes = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			writes.add(pending.write);
		}
		return writes;
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			logger.debug("Rollback of a failed journal transaction failed too", ex);
		}
	}

	private static RuntimeException translate(Exception ex) {
		if (ex instanceof SQLException sql) {
			DataAccessException translated = TRANSLATOR.translate("journal write", null, sql);
			return (translated != null) ? translated
					: new org.springframework.jdbc.UncategorizedSQLException("journal write", null, sql);
		}
		return (RuntimeException) ex;
	}

	/** Makes a batch's writes, all or none. */
	@FunctionalInterface
	private interface BatchWork {

		WriteOutcome[] make(List<Pending> batch) throws SQLException;

	}

	/**
	 * One caller's write and what became of it; the caller parks until it is done or leads.
	 */
	private static final class Pending {

		static final int WAITING = 0;

		static final int DONE = 1;

		static final int LEAD = 2;

		final JournalWrite write;

		/** The writes this one leads, when it was made leader. */
		@Nullable List<Pending> batchToLead;

		final Thread caller = Thread.currentThread();

		volatile int state = WAITING;

		private @Nullable WriteOutcome outcome;

		@Nullable RuntimeException failure;

		Pending(JournalWrite write) {
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

		boolean decided() {
			return this.outcome != null || this.failure != null;
		}

		void finish() {
			this.state = DONE;
			LockSupport.unpark(this.caller);
		}

		void lead(List<Pending> batch) {
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

}
