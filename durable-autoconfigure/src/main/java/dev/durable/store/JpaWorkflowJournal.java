package dev.durable.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.Waits;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowJournal;
import dev.durable.engine.journal.WorkflowRecord;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/**
 * The journal as runs write it: a step's record through the group commit or one fenced insert, a
 * start or an end as one statement on PostgreSQL, and the writes that touch other rows (a child, a
 * parent to wake, a wait) in a transaction of the application's transaction manager.
 */
final class JpaWorkflowJournal implements WorkflowJournal {

	private final StoreAccess access;

	private final EntityManager entityManager;

	JpaWorkflowJournal(StoreAccess access) {
		this.access = access;
		this.entityManager = access.entityManager();
	}

	@Override
	public boolean create(NewWorkflow workflow) {
		ClaimedWorkflow claim = workflow.claim();
		try {
			if (claim != null && workflow.parentId() == null && this.access.canShareCommit()) {
				// Made only if the id is new (PostgreSQL skips an existing id; elsewhere the key refuses it).
				return this.access.shareCommit(new JournalWrite.Create(workflow, startEvent(workflow))) != WriteOutcome.REFUSED;
			}
			return Boolean.TRUE.equals(this.access.transactions().execute((status) -> insert(workflow)));
		}
		catch (RuntimeException ex) {
			// Lost a race with a concurrent start of the same id: that one stands.
			if (exists(workflow.id())) {
				return false;
			}
			throw ex;
		}
	}

	private boolean exists(String id) {
		return Boolean.TRUE.equals(this.access.readOnly()
			.execute((status) -> this.entityManager.find(WorkflowEntity.class, id) != null));
	}

	private boolean insert(NewWorkflow workflow) {
		ClaimedWorkflow claim = workflow.claim();
		// Looked up first: a clash with the key would spoil the caller's transaction this joins.
		if (this.entityManager.find(WorkflowEntity.class, workflow.id()) != null) {
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
			Instant due = (workflow.dueAt() != null) ? workflow.dueAt() : workflow.createdAt();
			if (workflow.queue() != null) {
				// Not due for the claim of unqueued work, which stays as it was: it waits for room.
				entity.queue(workflow.queue(), due);
			}
			else {
				entity.setDueAt(due);
			}
		}
		entity.setDeadlineAt(workflow.deadline());
		entity.setPriority(workflow.priority());
		this.entityManager.persist(entity);
		this.entityManager.persist(EventTable.entity(workflow.id(), startEvent(workflow)));
		this.entityManager.flush();
		return true;
	}

	private static JournalEvent startEvent(NewWorkflow workflow) {
		return new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, workflow.input(), null, null,
				null, workflow.createdAt());
	}

	@Override
	public Optional<LoadedWorkflow> load(String id) {
		JournalStatements statements = this.access.statements();
		if (this.access.canGoDirect()) {
			// A run's load needs no transaction: under the claim nothing else appends to the journal.
			return this.access.direct("load workflow '" + id + "'", (connection) -> {
				WorkflowRecord workflow = statements.workflow(connection, id);
				return (workflow != null)
						? Optional.of(new LoadedWorkflow(workflow, statements.journal(connection, id)))
						: Optional.empty();
			});
		}
		return Optional.ofNullable(this.access.readOnly().execute((status) -> {
			WorkflowEntity entity = this.entityManager.find(WorkflowEntity.class, id);
			if (entity == null) {
				return null;
			}
			return new LoadedWorkflow(JournalRows.workflow(entity),
					this.access.jdbc((connection) -> statements.journal(connection, id)));
		}));
	}

	@Override
	public boolean append(ClaimedWorkflow claim, JournalEvent event) {
		WriteOutcome outcome = this.access.canShareCommit()
				? this.access.shareCommit(new JournalWrite.Append(claim, event))
				: this.access.transactions()
					.execute((status) -> this.access
						.jdbc((connection) -> this.access.statements().append(connection, claim, event)));
		if (!outcome.made()) {
			throw new LeaseLostException(claim.workflowId());
		}
		return outcome == WriteOutcome.MADE_CANCEL_REQUESTED;
	}

	@Override
	public boolean publish(ClaimedWorkflow claim, JournalEvent event) {
		// Not a shared commit: the value's row must commit with its event, and publishing is rare.
		WriteOutcome outcome = this.access.transactions().execute((status) -> this.access.jdbc((connection) -> {
			WriteOutcome made = this.access.statements().append(connection, claim, event);
			if (made.made()) {
				PublishedTable.upsert(connection, this.access.dialect().platform(), claim.workflowId(), event);
			}
			return made;
		}));
		if (outcome == null || !outcome.made()) {
			throw new LeaseLostException(claim.workflowId());
		}
		return outcome == WriteOutcome.MADE_CANCEL_REQUESTED;
	}

	@Override
	public void finish(ClaimedWorkflow claim, WorkflowEnd end, @Nullable JournalEvent lastStep, JournalEvent event,
			@Nullable String parentId) {
		JournalWrite.Finish finish = new JournalWrite.Finish(claim, end, lastStep, event);
		if (parentId == null && this.access.canShareCommit()) {
			if (!this.access.shareCommit(finish).made()) {
				throw new LeaseLostException(claim.workflowId());
			}
			return;
		}
		this.access.transactions().executeWithoutResult((tx) -> {
			if (parentId != null) {
				// Lock the parent first, as its suspend does: it then either sees this child ended or
				// is already waiting when the wake-up below looks for it.
				this.access.lock(parentId);
			}
			if (!this.access.jdbc((connection) -> this.access.statements().finish(connection, finish))) {
				throw new LeaseLostException(claim.workflowId());
			}
			if (parentId != null) {
				this.access.wakeIfWaiting(parentId, Waits.child(claim.workflowId()), event.timestamp());
			}
		});
	}

	@Override
	public void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor) {
		suspend(claim, wakeAt, waitingFor, false);
	}

	@Override
	public void park(ClaimedWorkflow claim, Instant wakeAt, @Nullable String waitingFor) {
		suspend(claim, wakeAt, waitingFor, true);
	}

	@Override
	public void wakeParked(ClaimedWorkflow claim, Instant now) {
		this.access.transactions()
			.executeWithoutResult((tx) -> this.entityManager
				.createQuery("update DurableWorkflow w set w.dueAt = :now where w.id = :id and w.runToken = :token "
						+ "and w.status = :waiting")
				.setParameter("now", now)
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.setParameter("waiting", WorkflowStatus.WAITING.name())
				.executeUpdate());
	}

	private void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor,
			boolean keepToken) {
		Instant now = this.access.clock().instant();
		this.access.transactions().executeWithoutResult((tx) -> {
			if (keepToken) {
				this.access.park(claim, wakeAt, waitingFor, now);
			}
			else {
				this.access.hand(claim, wakeAt, waitingFor, now, "0", true);
			}
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
				.setParameter("ended", StoreAccess.ENDED)
				.getResultList()
				.isEmpty();
		}
		return false;
	}

	@Override
	public void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil) {
		this.access.transactions().executeWithoutResult((tx) -> {
			this.access.fence(claim, parentEvent.timestamp(), leaseUntil);
			if (this.entityManager.find(WorkflowEntity.class, child.id()) == null) {
				insert(child);
			}
			this.entityManager.persist(EventTable.entity(claim.workflowId(), parentEvent));
			this.entityManager.flush();
		});
	}

	@Override
	public void recordAbandonedRun(ClaimedWorkflow claim, String error) {
		this.access.transactions()
			.executeWithoutResult((tx) -> this.entityManager
				.createQuery("update DurableWorkflow w set w.lastRunError = :error "
						+ "where w.id = :id and w.runToken = :token")
				.setParameter("error", error)
				.setParameter("id", claim.workflowId())
				.setParameter("token", claim.runToken())
				.executeUpdate());
	}

	@Override
	public Optional<String> lastRunError(String workflowId) {
		return this.access.readOnly()
			.execute((tx) -> this.entityManager
				.createQuery("select w.lastRunError from DurableWorkflow w where w.id = :id", String.class)
				.setParameter("id", workflowId)
				.getResultStream()
				.filter(Objects::nonNull)
				.findFirst());
	}

}
