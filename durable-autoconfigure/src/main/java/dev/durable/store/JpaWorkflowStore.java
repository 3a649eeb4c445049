package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.durable.WorkflowStatus;
import dev.durable.engine.ClaimedRun;
import dev.durable.engine.ClaimedWorkflow;
import dev.durable.engine.EventKind;
import dev.durable.engine.JournalEvent;
import dev.durable.engine.LeaseLostException;
import dev.durable.engine.LoadedWorkflow;
import dev.durable.engine.NewWorkflow;
import dev.durable.engine.SignalCheck;
import dev.durable.engine.Waits;
import dev.durable.engine.WorkflowFilter;
import dev.durable.engine.WorkflowRecord;
import dev.durable.engine.WorkflowStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal on JPA, in the application's own persistence unit and transactions. One
 * transaction per write; an activity's completion is one fenced update plus one insert.
 */
public class JpaWorkflowStore implements WorkflowStore {

	private static final List<String> ENDED = List.of(WorkflowStatus.COMPLETED.name(), WorkflowStatus.FAILED.name(),
			WorkflowStatus.CANCELLED.name());

	/** The most pending signals one take reads: a flood of rejected ones is taken in several. */
	private static final int SIGNAL_BATCH = 100;

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final StoreDialect dialect;

	private final Clock clock;

	private final JournalStatements statements;

	private final ClaimStatements claims;

	private final @Nullable GroupCommitWriter groupCommit;

	/** The persistence unit's data source, for loads and claims outside transactions, with group commit. */
	private final @Nullable DataSource direct;

	/**
	 * Create the store, with one transaction per write.
	 * @param entityManager a shared, transaction-bound entity manager of the application
	 * @param transactionManager the application's transaction manager for that persistence unit
	 * @param dialect what differs between the supported databases
	 * @param clock the clock for change timestamps
	 */
	public JpaWorkflowStore(EntityManager entityManager, PlatformTransactionManager transactionManager,
			StoreDialect dialect, Clock clock) {
		this(entityManager, transactionManager, dialect, clock, null, 0, 0);
	}

	/**
	 * Create the store. With a data source for group commit, the writes of running workflows that
	 * are made outside any transaction (a step's record, a direct call's start, the end of a
	 * workflow without parent) share transactions with the concurrent writes of other workflows;
	 * writes inside a transaction (a {@code @Transactional} activity's completion, a start in the
	 * caller's transaction) stay in it.
	 * @param entityManager a shared, transaction-bound entity manager of the application
	 * @param transactionManager the application's transaction manager for that persistence unit
	 * @param dialect what differs between the supported databases
	 * @param clock the clock for change timestamps
	 * @param groupCommitDataSource the persistence unit's data source, or null for no group commit; with it,
	 * a run's load outside a transaction also reads on its own connection, without a transaction
	 * @param groupCommitMaxBatch the most writes one shared transaction takes
	 * @param groupCommitMaxInFlight the most shared transactions written at once
	 */
	public JpaWorkflowStore(EntityManager entityManager, PlatformTransactionManager transactionManager,
			StoreDialect dialect, Clock clock, @Nullable DataSource groupCommitDataSource, int groupCommitMaxBatch,
			int groupCommitMaxInFlight) {
		this.clock = clock;
		this.statements = new JournalStatements(dialect.postgresql());
		this.claims = new ClaimStatements(dialect.postgresql());
		this.direct = groupCommitDataSource;
		this.groupCommit = (groupCommitDataSource != null)
				? new GroupCommitWriter(groupCommitDataSource, this.statements, Math.max(1, groupCommitMaxBatch),
						Math.max(1, groupCommitMaxInFlight))
				: null;
		this.entityManager = entityManager;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.dialect = dialect;
	}

	@Override
	public boolean create(NewWorkflow workflow) {
		ClaimedWorkflow claim = workflow.claim();
		if (claim != null && workflow.parentId() == null && canShareCommit()) {
			// A claimed new workflow has a fresh random id (a direct call): nothing to look up first.
			this.groupCommit.write(new JournalWrite.Create(workflow, startEvent(workflow)));
			return true;
		}
		try {
			return Boolean.TRUE.equals(this.transactions.execute((status) -> insert(workflow)));
		}
		catch (RuntimeException ex) {
			// Lost a race with a concurrent start of the same id: that one stands.
			if (find(workflow.id()).isPresent()) {
				return false;
			}
			throw ex;
		}
	}

	private boolean insert(NewWorkflow workflow) {
		ClaimedWorkflow claim = workflow.claim();
		// A claimed new workflow has a fresh random id (a direct call): the key alone guards it.
		if (claim == null && this.entityManager.find(WorkflowEntity.class, workflow.id()) != null) {
			return false;
		}
		WorkflowEntity entity = new WorkflowEntity(workflow.id(), workflow.type(),
				((claim != null) ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING).name(), workflow.input(),
				workflow.createdAt());
		entity.setParentId(workflow.parentId());
		if (claim != null) {
			entity.claim(workflow.owner(), claim.runToken(), workflow.leaseUntil());
		}
		else {
			entity.setDueAt(workflow.createdAt());
		}
		this.entityManager.persist(entity);
		this.entityManager.persist(toEntity(workflow.id(), startEvent(workflow)));
		this.entityManager.flush();
		return true;
	}

	private static JournalEvent startEvent(NewWorkflow workflow) {
		return new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, workflow.input(), null, null,
				null, workflow.createdAt());
	}

	/**
	 * Whether a write may go to the group-commit writer: only when it is on and the write does
	 * not belong to a transaction of the caller.
	 */
	private boolean canShareCommit() {
		return this.groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	@Override
	public Optional<WorkflowRecord> find(String id) {
		return Optional.ofNullable(this.readOnly.execute((status) -> {
			WorkflowEntity entity = this.entityManager.find(WorkflowEntity.class, id);
			return (entity != null) ? toRecord(entity) : null;
		}));
	}

	@Override
	public Optional<WorkflowStatus> status(String id) {
		return Optional.ofNullable(this.readOnly.execute((status) -> this.entityManager
			.createQuery("select w.status from DurableWorkflow w where w.id = :id", String.class)
			.setParameter("id", id)
			.getResultStream()
			.findFirst()
			.map(WorkflowStatus::valueOf)
			.orElse(null)));
	}

	@Override
	public List<JournalEvent> journal(String id) {
		return this.readOnly.execute((status) -> jdbc((connection) -> this.statements.journal(connection, id)));
	}

	@Override
	public Optional<LoadedWorkflow> load(String id) {
		if (canGoDirect()) {
			// A run's load needs no transaction: under the claim nothing else appends to the journal.
			return direct("load workflow '" + id + "'", (connection) -> {
				WorkflowRecord workflow = this.statements.workflow(connection, id);
				return (workflow != null)
						? Optional.of(new LoadedWorkflow(workflow, this.statements.journal(connection, id)))
						: Optional.empty();
			});
		}
		return Optional.ofNullable(this.readOnly.execute((status) -> {
			WorkflowEntity entity = this.entityManager.find(WorkflowEntity.class, id);
			if (entity == null) {
				return null;
			}
			return new LoadedWorkflow(toRecord(entity), jdbc((connection) -> this.statements.journal(connection, id)));
		}));
	}

	/**
	 * Whether work may run on a connection of its own, outside the transaction manager: only when
	 * the store has the data source and the caller has no transaction the work should join.
	 */
	private boolean canGoDirect() {
		return this.direct != null && !TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Run plain JDBC on a connection of its own, each statement its own transaction (one commit at
	 * the end if the pool hands out connections without auto-commit).
	 */
	private <T> T direct(String what, SqlWork<T> work) {
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
	private <T> T jdbc(SqlWork<T> work) {
		return this.entityManager.unwrap(Session.class).doReturningWork(work::run);
	}

	/** JDBC work that returns a value. */
	@FunctionalInterface
	private interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

	@Override
	public List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit) {
		return this.readOnly.execute((tx) -> {
			String where = (status != null) ? " where w.status = :status" : "";
			var query = this.entityManager
				.createQuery("select w from DurableWorkflow w" + where + " order by w.createdAt desc, w.id desc",
						WorkflowEntity.class)
				.setMaxResults(limit);
			if (status != null) {
				query.setParameter("status", status.name());
			}
			return query.getResultList().stream().map(JpaWorkflowStore::toRecord).toList();
		});
	}

	@Override
	public boolean append(ClaimedWorkflow claim, JournalEvent event) {
		WriteOutcome outcome = canShareCommit() ? this.groupCommit.write(new JournalWrite.Append(claim, event))
				: this.transactions.execute((status) -> jdbc((connection) -> this.statements.append(connection, claim,
						event)));
		if (!outcome.made()) {
			throw new LeaseLostException(claim.workflowId());
		}
		return outcome == WriteOutcome.MADE_CANCEL_REQUESTED;
	}

	@Override
	public void finish(ClaimedWorkflow claim, WorkflowStatus status, @Nullable String result,
			@Nullable String errorType, @Nullable String error, JournalEvent event, @Nullable String parentId) {
		if (parentId == null && canShareCommit()) {
			if (!this.groupCommit.write(new JournalWrite.Finish(claim, status, result, errorType, error, event)).made()) {
				throw new LeaseLostException(claim.workflowId());
			}
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			if (parentId != null) {
				// Lock the parent first, as its suspend does: it then either sees this child ended or
				// is already waiting when the wake-up below looks for it.
				lock(parentId);
			}
			if (!jdbc((connection) -> this.statements.finish(connection, claim, status, result, errorType, error,
					event))) {
				throw new LeaseLostException(claim.workflowId());
			}
			if (parentId != null) {
				wakeIfWaiting(parentId, Waits.child(claim.workflowId()), event.timestamp());
			}
		});
	}

	@Override
	public void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor) {
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((tx) -> {
			hand(claim, wakeAt, waitingFor, now, "0");
			// The row lock taken above orders this check after any signal, child end or
			// cancellation that locked the row first.
			if (isCancelRequested(claim.workflowId())
					|| (waitingFor != null && hasHappened(claim.workflowId(), waitingFor))) {
				// The event came while this run decided to wait: run again at once instead.
				this.entityManager.createQuery("update DurableWorkflow w set w.dueAt = :now where w.id = :id")
					.setParameter("now", now)
					.setParameter("id", claim.workflowId())
					.executeUpdate();
			}
		});
	}

	@Override
	public void recordAbandonedRun(ClaimedWorkflow claim, String error) {
		this.transactions.executeWithoutResult((tx) -> this.entityManager
			.createQuery("update DurableWorkflow w set w.lastRunError = :error where w.id = :id and w.runToken = :token")
			.setParameter("error", error)
			.setParameter("id", claim.workflowId())
			.setParameter("token", claim.runToken())
			.executeUpdate());
	}

	@Override
	public Optional<String> lastRunError(String workflowId) {
		return this.readOnly.execute((tx) -> this.entityManager
			.createQuery("select w.lastRunError from DurableWorkflow w where w.id = :id", String.class)
			.setParameter("id", workflowId)
			.getResultStream()
			.filter(java.util.Objects::nonNull)
			.findFirst());
	}

	@Override
	public void release(ClaimedWorkflow claim, Instant dueAt) {
		// A run handed back (a shutdown, a type this node does not know) did not fail: its claim
		// does not count towards max-run-attempts.
		this.transactions.executeWithoutResult((tx) -> hand(claim, dueAt, null, this.clock.instant(),
				"case when w.runAttempts > 0 then w.runAttempts - 1 else 0 end"));
	}

	private void hand(ClaimedWorkflow claim, @Nullable Instant dueAt, @Nullable String waitingFor, Instant now,
			String runAttempts) {
		int held = this.entityManager
			.createQuery("update DurableWorkflow w set w.status = :status, w.owner = null, w.runToken = null, "
					+ "w.dueAt = :dueAt, w.waitingFor = :waitingFor, w.updatedAt = :now, w.runAttempts = "
					+ runAttempts + ", w.lastRunError = null where w.id = :id and w.runToken = :token")
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

	private @Nullable WorkflowEntity lock(String workflowId) {
		return this.entityManager.find(WorkflowEntity.class, workflowId, LockModeType.PESSIMISTIC_WRITE);
	}

	private boolean isCancelRequested(String workflowId) {
		return Boolean.TRUE.equals(this.entityManager
			.createQuery("select w.cancelRequested from DurableWorkflow w where w.id = :id", Boolean.class)
			.setParameter("id", workflowId)
			.getSingleResult());
	}

	private boolean hasHappened(String workflowId, String waitingFor) {
		if (waitingFor.startsWith(Waits.SIGNAL)) {
			return !this.entityManager
				.createQuery("select s.id from DurableSignal s where s.workflowId = :id and s.name = :name "
						+ "and s.consumedAt is null", Long.class)
				.setParameter("id", workflowId)
				.setParameter("name", waitingFor.substring(Waits.SIGNAL.length()))
				.setMaxResults(1)
				.getResultList()
				.isEmpty();
		}
		if (waitingFor.startsWith(Waits.CHILD)) {
			return !this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.id = :id and w.status in :ended", String.class)
				.setParameter("id", waitingFor.substring(Waits.CHILD.length()))
				.setParameter("ended", ENDED)
				.getResultList()
				.isEmpty();
		}
		return false;
	}

	private void wakeIfWaiting(String workflowId, String waitingFor, Instant now) {
		this.entityManager
			.createQuery("update DurableWorkflow w set w.dueAt = :now where w.id = :id and w.status = :waiting "
					+ "and w.waitingFor = :waitingFor")
			.setParameter("now", now)
			.setParameter("id", workflowId)
			.setParameter("waiting", WorkflowStatus.WAITING.name())
			.setParameter("waitingFor", waitingFor)
			.executeUpdate();
	}

	@Override
	public List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step, Instant now,
			Instant leaseUntil, SignalCheck check) {
		return this.transactions.execute((tx) -> {
			fence(claim, now, leaseUntil);
			List<SignalEntity> pending = this.entityManager
				.createQuery("select s from DurableSignal s where s.workflowId = :id and s.name = :name "
						+ "and s.consumedAt is null order by s.id", SignalEntity.class)
				.setParameter("id", claim.workflowId())
				.setParameter("name", name)
				.setMaxResults(SIGNAL_BATCH)
				.getResultList();
			List<JournalEvent> taken = new ArrayList<>();
			for (SignalEntity signal : pending) {
				signal.consume(now);
				String rejection = check.rejection(signal.getPayload());
				JournalEvent event = new JournalEvent(seq + taken.size(), step,
						(rejection != null) ? EventKind.SIGNAL_REJECTED : EventKind.SIGNAL_RECEIVED, name, 0, null,
						signal.getPayload(), null, rejection, now);
				this.entityManager.persist(new EventEntity(claim.workflowId(), event.seq(), step, event.kind().name(),
						name, 0, null, event.output(), null, rejection, now));
				taken.add(event);
				if (rejection == null) {
					break;
				}
			}
			this.entityManager.flush();
			return taken;
		});
	}

	@Override
	public Delivery sendSignal(String workflowId, String name, String payload, Instant now) {
		return this.transactions.execute((tx) -> {
			WorkflowEntity workflow = lock(workflowId);
			if (workflow == null) {
				return Delivery.NOT_FOUND;
			}
			if (WorkflowStatus.valueOf(workflow.getStatus()).isTerminal()) {
				return Delivery.ENDED;
			}
			this.entityManager.persist(new SignalEntity(workflowId, name, payload, now));
			this.entityManager.flush();
			wakeIfWaiting(workflowId, Waits.signal(name), now);
			return Delivery.ACCEPTED;
		});
	}

	@Override
	public Delivery requestCancel(String workflowId, Instant now) {
		return this.transactions.execute((tx) -> {
			Optional<WorkflowStatus> status = currentStatus(workflowId);
			if (status.isEmpty()) {
				return Delivery.NOT_FOUND;
			}
			if (status.get().isTerminal()) {
				return Delivery.ENDED;
			}
			this.entityManager
				.createQuery("update DurableWorkflow w set w.cancelRequested = true, w.updatedAt = :now, "
						+ "w.dueAt = case when w.status = :waiting then :now else w.dueAt end where w.id = :id")
				.setParameter("now", now)
				.setParameter("waiting", WorkflowStatus.WAITING.name())
				.setParameter("id", workflowId)
				.executeUpdate();
			return Delivery.ACCEPTED;
		});
	}

	@Override
	public void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil) {
		this.transactions.executeWithoutResult((tx) -> {
			fence(claim, parentEvent.timestamp(), leaseUntil);
			if (this.entityManager.find(WorkflowEntity.class, child.id()) == null) {
				insert(child);
			}
			this.entityManager.persist(toEntity(claim.workflowId(), parentEvent));
			this.entityManager.flush();
		});
	}

	private void fence(ClaimedWorkflow claim, Instant now, Instant leaseUntil) {
		if (!jdbc((connection) -> this.statements.fence(connection, claim, now, leaseUntil))) {
			throw new LeaseLostException(claim.workflowId());
		}
	}

	private Optional<WorkflowStatus> currentStatus(String workflowId) {
		return this.entityManager
			.createQuery("select w.status from DurableWorkflow w where w.id = :id", String.class)
			.setParameter("id", workflowId)
			.getResultStream()
			.findFirst()
			.map(WorkflowStatus::valueOf);
	}

	@Override
	public List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		String token = UUID.randomUUID().toString();
		if (this.claims.isOneStatement()) {
			SqlWork<List<ClaimedRun>> claimAndLoad = (connection) -> this.claims.claimAndLoad(connection, nodeId, token,
					now, leaseUntil, limit);
			return canGoDirect() ? direct("claim due workflows", claimAndLoad)
					: this.transactions.execute((tx) -> jdbc(claimAndLoad));
		}
		List<ClaimedWorkflow> claimed = this.transactions
			.execute((tx) -> jdbc((connection) -> this.claims.claim(connection, nodeId, token, now, leaseUntil, limit)));
		return claimed.stream().map((claim) -> new ClaimedRun(claim, null)).toList();
	}

	@Override
	public Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		// One transaction per lease: holding one running row's lock while waiting for another's
		// deadlocked with group commits that end several of those workflows in one statement
		// (seen at 100,000 waking workflows). A renewal is rare (every lease-duration / 3).
		for (ClaimedWorkflow claim : claims) {
			this.transactions.executeWithoutResult((tx) -> this.entityManager
				.createQuery("update DurableWorkflow w set w.dueAt = :lease where w.id = :id and w.runToken = :token")
				.setParameter("lease", leaseUntil)
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.executeUpdate());
		}
		return this.readOnly.execute((tx) -> {
			return Set.copyOf(this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.id in :ids and w.cancelRequested = true",
						String.class)
				.setParameter("ids", claims.stream().map(ClaimedWorkflow::workflowId).toList())
				.getResultList());
		});
	}

	@Override
	public int recoverRunning(@Nullable String nodeId, Instant now) {
		Integer recovered = this.transactions.execute((tx) -> {
			var update = this.entityManager
				.createQuery("update DurableWorkflow w set w.dueAt = :now where w.status = :running"
						+ ((nodeId != null) ? " and w.owner = :owner" : ""))
				.setParameter("now", now)
				.setParameter("running", WorkflowStatus.RUNNING.name());
			if (nodeId != null) {
				update.setParameter("owner", nodeId);
			}
			return update.executeUpdate();
		});
		return (recovered != null) ? recovered : 0;
	}

	@Override
	public int deleteEnded(Instant endedBefore, int limit) {
		Integer deleted = this.transactions.execute((tx) -> {
			List<String> ids = this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.status in :ended and w.updatedAt < :before "
						+ "order by w.updatedAt", String.class)
				.setParameter("ended", ENDED)
				.setParameter("before", endedBefore)
				.setMaxResults(limit)
				.getResultList();
			if (ids.isEmpty()) {
				return 0;
			}
			// Events and signals go with their workflow: the foreign keys cascade.
			return this.entityManager.createQuery("delete from DurableWorkflow w where w.id in :ids")
				.setParameter("ids", ids)
				.executeUpdate();
		});
		return (deleted != null) ? deleted : 0;
	}

	@Override
	public boolean isEmbedded() {
		return this.dialect.singleProcess();
	}

	private static WorkflowRecord toRecord(WorkflowEntity entity) {
		return new WorkflowRecord(entity.getId(), entity.getType(), WorkflowStatus.valueOf(entity.getStatus()),
				entity.getInput(), entity.getResult(), entity.getErrorType(), entity.getError(), entity.getOwner(),
				entity.getDueAt(), entity.getParentId(), entity.isCancelRequested(), entity.getCreatedAt(),
				entity.getUpdatedAt());
	}

	private static EventEntity toEntity(String workflowId, JournalEvent event) {
		return new EventEntity(workflowId, event.seq(), event.step(), event.kind().name(), event.name(),
				event.attempt(), event.input(), event.output(), event.errorType(), event.error(), event.timestamp());
	}

	@Override
	public List<WorkflowRecord> list(WorkflowFilter filter, int limit) {
		return this.readOnly.execute((tx) -> {
			StringBuilder where = new StringBuilder(" where 1 = 1");
			if (filter.status() != null) {
				where.append(" and w.status = :status");
			}
			if (filter.type() != null) {
				where.append(" and w.type = :type");
			}
			if (filter.createdAfter() != null) {
				where.append(" and w.createdAt >= :after");
			}
			if (filter.createdBefore() != null) {
				where.append(" and w.createdAt < :before");
			}
			var query = this.entityManager
				.createQuery("select w from DurableWorkflow w" + where + " order by w.createdAt desc, w.id desc",
						WorkflowEntity.class)
				.setMaxResults(limit);
			if (filter.status() != null) {
				query.setParameter("status", filter.status().name());
			}
			if (filter.type() != null) {
				query.setParameter("type", filter.type());
			}
			if (filter.createdAfter() != null) {
				query.setParameter("after", filter.createdAfter());
			}
			if (filter.createdBefore() != null) {
				query.setParameter("before", filter.createdBefore());
			}
			return query.getResultList().stream().map(JpaWorkflowStore::toRecord).toList();
		});
	}

	@Override
	public Map<WorkflowStatus, Long> countByStatus() {
		return this.readOnly.execute((tx) -> {
			Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
			this.entityManager
				.createQuery("select w.status, count(w) from DurableWorkflow w group by w.status", Object[].class)
				.getResultList()
				.forEach((row) -> counts.put(WorkflowStatus.valueOf((String) row[0]), ((Number) row[1]).longValue()));
			return counts;
		});
	}

	@Override
	public long countOverdue(Instant dueBefore) {
		Long count = this.readOnly.execute((tx) -> this.entityManager
			.createQuery("select count(w) from DurableWorkflow w where w.dueAt < :before and w.status not in :ended",
					Long.class)
			.setParameter("before", dueBefore)
			.setParameter("ended", ENDED)
			.getSingleResult());
		return (count != null) ? count : 0;
	}

	@Override
	public RetryOutcome retry(String workflowId, Instant now) {
		return this.transactions.execute((tx) -> {
			WorkflowEntity workflow = lock(workflowId);
			if (workflow == null) {
				return RetryOutcome.NOT_FOUND;
			}
			if (!WorkflowStatus.FAILED.name().equals(workflow.getStatus())) {
				return RetryOutcome.NOT_FAILED;
			}
			this.entityManager.createQuery("delete from DurableEvent e where e.workflowId = :id and e.kind in :kinds")
				.setParameter("id", workflowId)
				.setParameter("kinds",
						List.of(EventKind.WORKFLOW_FAILED.name(), EventKind.NON_DETERMINISM_DETECTED.name()))
				.executeUpdate();
			this.entityManager
				.createQuery("update DurableWorkflow w set w.status = :pending, w.result = null, w.errorType = null, "
						+ "w.error = null, w.owner = null, w.runToken = null, w.waitingFor = null, w.dueAt = :now, "
						+ "w.updatedAt = :now, w.runAttempts = 0, w.lastRunError = null where w.id = :id")
				.setParameter("pending", WorkflowStatus.PENDING.name())
				.setParameter("now", now)
				.setParameter("id", workflowId)
				.executeUpdate();
			return RetryOutcome.RETRIED;
		});
	}

}
