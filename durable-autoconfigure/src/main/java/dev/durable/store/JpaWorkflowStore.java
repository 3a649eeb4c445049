package dev.durable.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.durable.WorkflowStatus;
import dev.durable.engine.ClaimedWorkflow;
import dev.durable.engine.EventKind;
import dev.durable.engine.JournalEvent;
import dev.durable.engine.LeaseLostException;
import dev.durable.engine.NewWorkflow;
import dev.durable.engine.WorkflowRecord;
import dev.durable.engine.WorkflowStore;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal on JPA, in the application's own persistence unit and transactions. One
 * transaction per write; an activity's completion is one fenced update plus one insert.
 */
public class JpaWorkflowStore implements WorkflowStore {

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final StoreDialect dialect;

	private final Clock clock;

	/**
	 * Create the store.
	 * @param entityManager a shared, transaction-bound entity manager of the application
	 * @param transactionManager the application's transaction manager for that persistence unit
	 * @param dialect what differs between the supported databases
	 * @param clock the clock for change timestamps
	 */
	public JpaWorkflowStore(EntityManager entityManager, PlatformTransactionManager transactionManager,
			StoreDialect dialect, Clock clock) {
		this.clock = clock;
		this.entityManager = entityManager;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.dialect = dialect;
	}

	@Override
	public boolean create(NewWorkflow workflow) {
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
		if (this.entityManager.find(WorkflowEntity.class, workflow.id()) != null) {
			return false;
		}
		ClaimedWorkflow claim = workflow.claim();
		WorkflowEntity entity = new WorkflowEntity(workflow.id(), workflow.type(),
				((claim != null) ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING).name(), workflow.input(),
				workflow.createdAt());
		if (claim != null) {
			entity.claim(workflow.owner(), claim.runToken(), workflow.leaseUntil());
		}
		else {
			entity.setDueAt(workflow.createdAt());
		}
		this.entityManager.persist(entity);
		this.entityManager.persist(new EventEntity(workflow.id(), 1, 0, EventKind.WORKFLOW_STARTED.name(),
				workflow.type(), 0, workflow.input(), null, null, null, workflow.createdAt()));
		this.entityManager.flush();
		return true;
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
		return this.readOnly.execute((status) -> this.entityManager
			.createQuery("select e from DurableEvent e where e.workflowId = :id order by e.seq", EventEntity.class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.map(JpaWorkflowStore::toEvent)
			.toList());
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
	public void append(ClaimedWorkflow claim, JournalEvent event, Instant leaseUntil) {
		this.transactions.executeWithoutResult((status) -> {
			int held = this.entityManager
				.createQuery("update DurableWorkflow w set w.updatedAt = :now, w.dueAt = :lease "
						+ "where w.id = :id and w.runToken = :token")
				.setParameter("now", event.timestamp())
				.setParameter("lease", leaseUntil)
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.executeUpdate();
			if (held == 0) {
				throw new LeaseLostException(claim.workflowId());
			}
			this.entityManager.persist(toEntity(claim.workflowId(), event));
			this.entityManager.flush();
		});
	}

	@Override
	public void finish(ClaimedWorkflow claim, WorkflowStatus status, @Nullable String result,
			@Nullable String errorType, @Nullable String error, JournalEvent event) {
		this.transactions.executeWithoutResult((tx) -> {
			int held = this.entityManager
				.createQuery("update DurableWorkflow w set w.status = :status, w.result = :result, "
						+ "w.errorType = :errorType, w.error = :error, w.owner = null, w.runToken = null, "
						+ "w.dueAt = null, w.updatedAt = :now where w.id = :id and w.runToken = :token")
				.setParameter("status", status.name())
				.setParameter("result", result)
				.setParameter("errorType", errorType)
				.setParameter("error", error)
				.setParameter("now", event.timestamp())
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.executeUpdate();
			if (held == 0) {
				throw new LeaseLostException(claim.workflowId());
			}
			this.entityManager.persist(toEntity(claim.workflowId(), event));
		});
	}

	@Override
	public void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt) {
		hand(claim, WorkflowStatus.WAITING, wakeAt, this.clock.instant());
	}

	@Override
	public void release(ClaimedWorkflow claim, Instant dueAt) {
		hand(claim, WorkflowStatus.WAITING, dueAt, this.clock.instant());
	}

	private void hand(ClaimedWorkflow claim, WorkflowStatus status, @Nullable Instant dueAt, Instant now) {
		this.transactions.executeWithoutResult((tx) -> {
			int held = this.entityManager
				.createQuery("update DurableWorkflow w set w.status = :status, w.owner = null, w.runToken = null, "
						+ "w.dueAt = :dueAt, w.updatedAt = :now where w.id = :id and w.runToken = :token")
				.setParameter("status", status.name())
				.setParameter("dueAt", dueAt)
				.setParameter("now", now)
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.executeUpdate();
			if (held == 0) {
				throw new LeaseLostException(claim.workflowId());
			}
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<ClaimedWorkflow> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		String token = UUID.randomUUID().toString();
		return this.transactions.execute((tx) -> {
			List<String> due = this.entityManager.createNativeQuery(this.dialect.selectDueForUpdate(), String.class)
				.setParameter("now", now)
				.setParameter("limit", limit)
				.getResultList();
			if (due.isEmpty()) {
				return List.of();
			}
			this.entityManager
				.createQuery("update DurableWorkflow w set w.status = :running, w.owner = :owner, w.runToken = :token, "
						+ "w.dueAt = :lease, w.updatedAt = :now where w.id in :ids and w.dueAt <= :now")
				.setParameter("running", WorkflowStatus.RUNNING.name())
				.setParameter("owner", nodeId)
				.setParameter("token", token)
				.setParameter("lease", leaseUntil)
				.setParameter("now", now)
				.setParameter("ids", due)
				.executeUpdate();
			return this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.id in :ids and w.runToken = :token",
						String.class)
				.setParameter("ids", due)
				.setParameter("token", token)
				.getResultList()
				.stream()
				.map((id) -> new ClaimedWorkflow(id, token))
				.toList();
		});
	}

	@Override
	public int renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		Integer renewed = this.transactions.execute((tx) -> {
			int count = 0;
			for (ClaimedWorkflow claim : claims) {
				count += this.entityManager
					.createQuery("update DurableWorkflow w set w.dueAt = :lease where w.id = :id and w.runToken = :token")
					.setParameter("lease", leaseUntil)
					.setParameter("id", claim.workflowId())
					.setParameter("token", claim.runToken())
					.executeUpdate();
			}
			return count;
		});
		return (renewed != null) ? renewed : 0;
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
	public boolean isEmbedded() {
		return this.dialect.singleProcess();
	}

	private static WorkflowRecord toRecord(WorkflowEntity entity) {
		return new WorkflowRecord(entity.getId(), entity.getType(), WorkflowStatus.valueOf(entity.getStatus()),
				entity.getInput(), entity.getResult(), entity.getErrorType(), entity.getError(), entity.getOwner(),
				entity.getDueAt(), entity.getCreatedAt(), entity.getUpdatedAt());
	}

	private static JournalEvent toEvent(EventEntity entity) {
		return new JournalEvent(entity.getSeq(), entity.getStep(), EventKind.valueOf(entity.getKind()),
				entity.getName(), entity.getAttempt(), entity.getInput(), entity.getOutput(), entity.getErrorType(),
				entity.getError(), entity.getRecordedAt());
	}

	private static EventEntity toEntity(String workflowId, JournalEvent event) {
		return new EventEntity(workflowId, event.seq(), event.step(), event.kind().name(), event.name(),
				event.attempt(), event.input(), event.output(), event.errorType(), event.error(), event.timestamp());
	}

}
