package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * How the {@link GroupCommitWriter} commits a batch of writes: on PostgreSQL (and for a lone step
 * on MariaDB and MySQL) one statement on an auto-commit connection, elsewhere the statements of {@link JournalStatements#writeEach} in one
 * transaction; a batch that fails is made again write by write, so that one write's error fails
 * no other. Each write's outcome or failure is recorded on it.
 */
final class BatchCommitter {

	private static final Log logger = LogFactory.getLog(BatchCommitter.class);

	private static final SQLStateSQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

	private final DataSource dataSource;

	private final JournalStatements statements;

	private final @Nullable JournalAnalyzer analyzer;

	BatchCommitter(DataSource dataSource, JournalStatements statements, @Nullable JournalAnalyzer analyzer) {
		this.dataSource = dataSource;
		this.statements = statements;
		this.analyzer = analyzer;
	}

	void commit(List<PendingWrite> batch) {
		if (this.statements.writesInOneStatement(writesOf(batch))) {
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
	private void commitInOneStatement(List<PendingWrite> batch) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			if (!autoCommit) {
				connection.setAutoCommit(true);
			}
			try {
				writeInOneStatement(connection, batch);
				if (this.analyzer != null) {
					this.analyzer.created(created(batch));
				}
			}
			finally {
				if (!autoCommit) {
					connection.setAutoCommit(false);
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			for (PendingWrite pending : batch) {
				if (!pending.decided()) {
					pending.failure = translate(ex);
				}
			}
		}
	}

	private void writeInOneStatement(Connection connection, List<PendingWrite> batch) {
		makeOrSplit(batch, "statement", (writes) -> this.statements.writeTogether(connection, writesOf(writes)),
				(pending) -> writeInOneStatement(connection, List.of(pending)));
	}

	/**
	 * Make a batch's writes with {@code work} and record each outcome; if the batch fails, make
	 * each write alone with {@code alone}, so that one write's error fails no other.
	 */
	private void makeOrSplit(List<PendingWrite> batch, String what, BatchWork work, Consumer<PendingWrite> alone) {
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
			for (PendingWrite pending : batch) {
				alone.accept(pending);
			}
		}
	}

	/**
	 * Other databases: every write in one transaction (one commit, one log flush), statement after
	 * statement; if it fails, each write in a transaction of its own, so that one write's error
	 * fails no other.
	 */
	private void commitTogether(List<PendingWrite> batch) {
		makeOrSplit(batch, "transaction", this::transaction, (pending) -> commitTogether(List.of(pending)));
	}

	private WriteOutcome[] transaction(List<PendingWrite> batch) throws SQLException {
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

	/** How many of a batch's writes created a workflow. */
	private static int created(List<PendingWrite> batch) {
		int created = 0;
		for (PendingWrite pending : batch) {
			if (pending.write instanceof JournalWrite.Create && pending.made()) {
				created++;
			}
		}
		return created;
	}

	private static List<JournalWrite> writesOf(List<PendingWrite> batch) {
		List<JournalWrite> writes = new ArrayList<>(batch.size());
		for (PendingWrite pending : batch) {
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

		WriteOutcome[] make(List<PendingWrite> batch) throws SQLException;

	}

}
