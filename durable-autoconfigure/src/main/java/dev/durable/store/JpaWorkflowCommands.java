package dev.durable.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.SignalCheck;
import dev.durable.engine.journal.Waits;
import dev.durable.engine.journal.WorkflowCommands;
import jakarta.persistence.EntityManager;

/**
 * Signals, cancellation, retries and retention on JPA, each one transaction that locks or updates
 * the workflow's row first, so that it is ordered against the run's own decision to wait.
 */
final class JpaWorkflowCommands implements WorkflowCommands {

	/** The most pending signals one take reads: a flood of rejected ones is taken in several. */
	private static final int SIGNAL_BATCH = 100;

	private final StoreAccess access;

	private final EntityManager entityManager;

	JpaWorkflowCommands(StoreAccess access) {
		this.access = access;
		this.entityManager = access.entityManager();
	}

	@Override
	public Delivery sendSignal(String workflowId, String name, String payload, Instant now) {
		return this.access.transactions().execute((tx) -> {
			WorkflowEntity workflow = this.access.lock(workflowId);
			if (workflow == null) {
				return Delivery.NOT_FOUND;
			}
			if (WorkflowStatus.valueOf(workflow.getStatus()).isTerminal()) {
				return Delivery.ENDED;
			}
			this.entityManager.persist(new SignalEntity(workflowId, name, payload, now));
			this.entityManager.flush();
			this.access.wakeIfWaiting(workflowId, Waits.signal(name), now);
			return Delivery.ACCEPTED;
		});
	}

	@Override
	public List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step, Instant now,
			Instant leaseUntil, SignalCheck check) {
		return this.access.transactions().execute((tx) -> {
			this.access.fence(claim, now, leaseUntil);
			List<JournalEvent> taken = new ArrayList<>();
			for (SignalEntity signal : pending(claim.workflowId(), name)) {
				signal.consume(now);
				String rejection = check.rejection(signal.getPayload());
				JournalEvent event = new JournalEvent(seq + taken.size(), step,
						(rejection != null) ? EventKind.SIGNAL_REJECTED : EventKind.SIGNAL_RECEIVED, name, 0, null,
						signal.getPayload(), null, rejection, now);
				this.entityManager.persist(EventTable.entity(claim.workflowId(), event));
				taken.add(event);
				if (rejection == null) {
					break;
				}
			}
			this.entityManager.flush();
			return taken;
		});
	}

	private List<SignalEntity> pending(String workflowId, String name) {
		return this.entityManager
			.createQuery("select s from DurableSignal s where s.workflowId = :id and s.name = :name "
					+ "and s.consumedAt is null order by s.id", SignalEntity.class)
			.setParameter("id", workflowId)
			.setParameter("name", name)
			.setMaxResults(SIGNAL_BATCH)
			.getResultList();
	}

	@Override
	public Delivery requestCancel(String workflowId, Instant now) {
		return this.access.transactions().execute((tx) -> {
			Optional<WorkflowStatus> status = currentStatus(workflowId);
			if (status.isEmpty()) {
				return Delivery.NOT_FOUND;
			}
			if (status.get().isTerminal()) {
				return Delivery.ENDED;
			}
			this.entityManager
				.createQuery("update DurableWorkflow w set w.cancelRequested = true, w.updatedAt = :now, "
						// A queued workflow that has not begun (pending, not due) need not wait for room to end.
						+ "w.dueAt = case when w.status = :waiting or (w.status = :pending and w.dueAt is null) "
						+ "then :now else w.dueAt end where w.id = :id")
				.setParameter("now", now)
				.setParameter("waiting", WorkflowStatus.WAITING.name())
				.setParameter("pending", WorkflowStatus.PENDING.name())
				.setParameter("id", workflowId)
				.executeUpdate();
			return Delivery.ACCEPTED;
		});
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
	public RetryOutcome retry(String workflowId, Instant now) {
		return this.access.transactions().execute((tx) -> {
			WorkflowEntity workflow = this.access.lock(workflowId);
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

	@Override
	public int deleteEnded(Instant endedBefore, int limit) {
		Integer deleted = this.access.transactions().execute((tx) -> {
			List<String> ids = this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.status in :ended and w.updatedAt < :before "
						+ "order by w.updatedAt", String.class)
				.setParameter("ended", StoreAccess.ENDED)
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

}
