package dev.durable.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowFilter;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.jspecify.annotations.Nullable;

/**
 * Reads of workflows and journals on JPA, each in a read-only transaction of the application's
 * transaction manager; a journal is read through JDBC, as a run reads it.
 */
final class JpaWorkflowQueries implements WorkflowQueries {

	private final StoreAccess access;

	private final EntityManager entityManager;

	JpaWorkflowQueries(StoreAccess access) {
		this.access = access;
		this.entityManager = access.entityManager();
	}

	@Override
	public Optional<WorkflowRecord> find(String id) {
		return Optional.ofNullable(this.access.readOnly().execute((status) -> {
			WorkflowEntity entity = this.entityManager.find(WorkflowEntity.class, id);
			return (entity != null) ? JournalRows.workflow(entity) : null;
		}));
	}

	@Override
	public Optional<WorkflowStatus> status(String id) {
		return Optional.ofNullable(this.access.readOnly()
			.execute((status) -> this.entityManager
				.createQuery("select w.status from DurableWorkflow w where w.id = :id", String.class)
				.setParameter("id", id)
				.getResultStream()
				.findFirst()
				.map(WorkflowStatus::valueOf)
				.orElse(null)));
	}

	@Override
	public List<JournalEvent> journal(String id) {
		return this.access.readOnly()
			.execute((status) -> this.access.jdbc((connection) -> this.access.statements().journal(connection, id)));
	}

	@Override
	public Optional<String> published(String id, String key) {
		return this.access.readOnly()
			.execute((status) -> this.access.jdbc((connection) -> PublishedTable.value(connection, id, key)));
	}

	@Override
	public Map<String, String> published(String id) {
		return this.access.readOnly()
			.execute((status) -> this.access.jdbc((connection) -> PublishedTable.values(connection, id)));
	}

	@Override
	public List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit) {
		return this.access.readOnly().execute((tx) -> {
			String where = (status != null) ? " where w.status = :status" : "";
			TypedQuery<WorkflowEntity> query = newest(where, limit);
			if (status != null) {
				query.setParameter("status", status.name());
			}
			return records(query);
		});
	}

	@Override
	public List<WorkflowRecord> list(WorkflowFilter filter, int limit) {
		return this.access.readOnly().execute((tx) -> {
			TypedQuery<WorkflowEntity> query = newest(where(filter), limit);
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
			return records(query);
		});
	}

	private static String where(WorkflowFilter filter) {
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
		return where.toString();
	}

	private TypedQuery<WorkflowEntity> newest(String where, int limit) {
		return this.entityManager
			.createQuery("select w from DurableWorkflow w" + where + " order by w.createdAt desc, w.id desc",
					WorkflowEntity.class)
			.setMaxResults(limit);
	}

	private static List<WorkflowRecord> records(TypedQuery<WorkflowEntity> query) {
		return query.getResultList().stream().map(JournalRows::workflow).toList();
	}

	@Override
	public Map<WorkflowStatus, Long> countByStatus() {
		return this.access.readOnly().execute((tx) -> {
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
		Long count = this.access.readOnly()
			.execute((tx) -> this.entityManager
				.createQuery("select count(w) from DurableWorkflow w where w.dueAt < :before and w.status not in :ended",
						Long.class)
				.setParameter("before", dueBefore)
				.setParameter("ended", StoreAccess.ENDED)
				.getSingleResult());
		return (count != null) ? count : 0;
	}

}
