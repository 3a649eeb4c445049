package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.LeaseLostException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the store's roles share: the three ways they reach the tables (JPA and JDBC in the
 * application's transactions, JDBC on a connection of its own), the group-commit writer, and the
 * few writes of a workflow's row that more than one role makes.
 */
final class StoreAccess {

	/** The terminal statuses, as stored. */
	static final List<String> ENDED = List.of(WorkflowStatus.COMPLETED.name(), WorkflowStatus.FAILED.name(),
			WorkflowStatus.CANCELLED.name());

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate claimTransactions;

	private final StoreDialect dialect;

	private final Clock clock;

	private final JournalStatements statements;

	private final @Nullable GroupCommitWriter groupCommit;

	/** The persistence unit's data source, for loads and claims outside transactions, with group commit. */
	private final @Nullable DataSource direct;

	StoreAccess(EntityManager entityManager, PlatformTransactionManager transactionManager, StoreDialect dialect,
			Clock clock, @Nullable DataSource groupCommitDataSource, int groupCommitMaxBatch,
			int groupCommitMaxInFlight) {
		this.entityManager = entityManager;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.claimTransactions = new TransactionTemplate(transactionManager);
		this.claimTransactions.setIsolationLevel(dialect.platform().claimIsolation());
		this.dialect = dialect;
		this.clock = clock;
		this.statements = new JournalStatements(dialect.platform());
		this.direct = groupCommitDataSource;
		this.groupCommit = (groupCommitDataSource != null)
				? new GroupCommitWriter(groupCommitDataSource, this.statements, Math.max(1, groupCommitMaxBatch),
						Math.max(1, groupCommitMaxInFlight))
				: null;
	}

	EntityManager entityManager() {
		return this.entityManager;
	}

	/** Transactions of the application's transaction manager, one per write. */
	TransactionTemplate transactions() {
		return this.transactions;
	}

	/**
	 * Transactions for claims, at the platform's claim isolation: read committed on MariaDB and
	 * MySQL, whose default repeatable read would take gap locks on the due index that a claimer's
	 * update, another claimer's and a start's inserts then wait for, or deadlock on.
	 */
	TransactionTemplate claimTransactions() {
		return this.claimTransactions;
	}

	/** Read-only transactions of the application's transaction manager. */
	TransactionTemplate readOnly() {
		return this.readOnly;
	}

	StoreDialect dialect() {
		return this.dialect;
	}

	Clock clock() {
		return this.clock;
	}

	JournalStatements statements() {
		return this.statements;
	}

	/**
	 * Whether a write may go to the group-commit writer: only when it is on and the write does
	 * not belong to a transaction of the caller.
	 */
	boolean canShareCommit() {
		return this.groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Make a write in a commit shared with other workflows' writes; only if {@link #canShareCommit()}.
	 */
	WriteOutcome shareCommit(JournalWrite write) {
		return this.groupCommit.write(write);
	}

	/**
	 * Whether work may run on a connection of its own, outside the transaction manager: only when
	 * the store has the data source and the caller has no transaction the work should join.
	 */
	boolean canGoDirect() {
		return this.direct != null && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Run plain JDBC on a connection of its own, each statement its own transaction (one commit at
	 * the end if the pool hands out connections without auto-commit); only if {@link #canGoDirect()}.
	 */
	<T> T direct(String what, SqlWork<T> work) {
		try (Connection connection = this.direct.getConnection()) {
			T result = work.run(connection);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return result;
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not " + what + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Run plain JDBC on the connection of the current transaction.
	 */
	<T> T jdbc(SqlWork<T> work) {
		return this.entityManager.unwrap(Session.class).doReturningWork(work::run);
	}

	/**
	 * Lock a workflow's row for the rest of the transaction, so that writes about it happen one
	 * after the other.
	 * @return the workflow, or null if there is none of that id
	 */
	@Nullable WorkflowEntity lock(String workflowId) {
		return this.entityManager.find(WorkflowEntity.class, workflowId, LockModeType.PESSIMISTIC_WRITE);
	}

	/**
	 * Extend the claim's lease if it still holds, in the current transaction: the fence of writes
	 * that are not an event and go before their own event.
	 * @throws LeaseLostException if the claim was replaced
	 */
	void fence(ClaimedWorkflow claim, Instant now, Instant leaseUntil) {
		if (!jdbc((connection) -> this.statements.fence(connection, claim, now, leaseUntil))) {
			throw new LeaseLostException(claim.workflowId());
		}
	}

	/**
	 * Drop a claim and leave the workflow waiting until {@code dueAt}, in the current transaction.
	 * @param runAttempts the new count of runs in a row, as a JPQL expression
	 * @param forgetRunError whether the run reached a wait, so an earlier stopped run's error no
	 * longer explains anything; a run handed back keeps it for the count it leaves
	 * @throws LeaseLostException if the claim was replaced
	 */
	void hand(ClaimedWorkflow claim, @Nullable Instant dueAt, @Nullable String waitingFor, Instant now,
			String runAttempts, boolean forgetRunError) {
		setWaiting(claim, dueAt, waitingFor, now, "w.owner = null, w.runToken = null, w.runAttempts = " + runAttempts
				+ (forgetRunError ? ", w.lastRunError = null" : ""));
	}

	/**
	 * Leave a claimed workflow waiting until {@code dueAt} but keep its owner and run token, so that
	 * the run's work still under way can record; in the current transaction.
	 * @throws LeaseLostException if the claim was replaced
	 */
	void park(ClaimedWorkflow claim, @Nullable Instant dueAt, @Nullable String waitingFor, Instant now) {
		setWaiting(claim, dueAt, waitingFor, now, "w.runAttempts = 0, w.lastRunError = null");
	}

	/**
	 * Make a claimed workflow waiting until {@code dueAt}, fenced by its run token, setting also
	 * what {@code assignments} (JPQL) says.
	 * @throws LeaseLostException if the claim was replaced
	 */
	private void setWaiting(ClaimedWorkflow claim, @Nullable Instant dueAt, @Nullable String waitingFor, Instant now,
			String assignments) {
		int held = this.entityManager
			.createQuery("update DurableWorkflow w set w.status = :status, w.dueAt = :dueAt, "
					+ "w.waitingFor = :waitingFor, w.updatedAt = :now, " + assignments
					+ " where w.id = :id and w.runToken = :token")
			.setParameter("status", WorkflowStatus.WAITING.name())
			.setParameter("dueAt", dueAt)
			.setParameter("waitingFor", waitingFor)
			.setParameter("now", now)
			.setParameter("id", claim.workflowId())
			.setParameter("token", claim.runToken())
			.executeUpdate();
		if (held == 0) {
			throw new LeaseLostException(claim.workflowId());
		}
	}

	/**
	 * Make a workflow due at once if it waits for the given event, in the current transaction.
	 */
	void wakeIfWaiting(String workflowId, String waitingFor, Instant now) {
		this.entityManager
			.createQuery("update DurableWorkflow w set w.dueAt = :now where w.id = :id and w.status = :waiting "
					+ "and w.waitingFor = :waitingFor")
			.setParameter("now", now)
			.setParameter("id", workflowId)
			.setParameter("waiting", WorkflowStatus.WAITING.name())
			.setParameter("waitingFor", waitingFor)
			.executeUpdate();
	}

	/** JDBC work that returns a value. */
	@FunctionalInterface
	interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

}
