package dev.durable.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowDeadlines;
import jakarta.persistence.EntityManager;

/**
 * Workflow deadlines on JPA: a sweep of the deadline index that requests cancellation of the
 * workflows past theirs. A deadline that passed while no node was up is found by the first sweep
 * after one starts.
 */
final class JpaWorkflowDeadlines implements WorkflowDeadlines {

	private final StoreAccess access;

	private final EntityManager entityManager;

	JpaWorkflowDeadlines(StoreAccess access) {
		this.access = access;
		this.entityManager = access.entityManager();
	}

	@Override
	public List<String> cancelPastDeadlines(Instant now, int limit) {
		return this.access.transactions().execute((tx) -> {
			// A workflow that ended in time keeps no deadline, so that the index holds only live ones.
			this.entityManager
				.createQuery("update DurableWorkflow w set w.deadlineAt = null "
						+ "where w.deadlineAt <= :now and w.status in :ended")
				.setParameter("now", now)
				.setParameter("ended", StoreAccess.ENDED)
				.executeUpdate();
			List<String> ids = this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.deadlineAt <= :now "
						+ "and w.cancelRequested = false and w.status not in :ended order by w.deadlineAt", String.class)
				.setParameter("now", now)
				.setParameter("ended", StoreAccess.ENDED)
				.setMaxResults(limit)
				.getResultList();
			if (ids.isEmpty()) {
				return ids;
			}
			// Waiting, pending with a start delay, or queued and not begun (no due time): due now, so
			// that the cancellation is delivered now rather than once the queue has room.
			this.entityManager
				.createQuery("update DurableWorkflow w set w.cancelRequested = true, w.updatedAt = :now, "
						+ "w.dueAt = case when w.status = :waiting or w.dueAt > :now "
						+ "or (w.status = :pending and w.dueAt is null) then :now else w.dueAt end "
						+ "where w.id in :ids and w.cancelRequested = false and w.status not in :ended")
				.setParameter("now", now)
				.setParameter("waiting", WorkflowStatus.WAITING.name())
				.setParameter("pending", WorkflowStatus.PENDING.name())
				.setParameter("ids", ids)
				.setParameter("ended", StoreAccess.ENDED)
				.executeUpdate();
			return ids;
		});
	}

	@Override
	public Optional<Instant> deadline(String workflowId) {
		return this.access.readOnly()
			.execute((tx) -> this.entityManager
				.createQuery("select w.deadlineAt from DurableWorkflow w where w.id = :id", Instant.class)
				.setParameter("id", workflowId)
				.getResultStream()
				.filter((deadline) -> deadline != null)
				.findFirst());
	}

}
