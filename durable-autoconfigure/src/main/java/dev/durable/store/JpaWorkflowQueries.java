package dev.durable.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NodeClaims;
import dev.durable.engine.journal.Throughput;
import dev.durable.engine.journal.WorkflowCount;
import dev.durable.engine.journal.WorkflowCursor;
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
		return page(filter, null, limit);
	}

	@Override
	public List<WorkflowRecord> page(WorkflowFilter filter, @Nullable WorkflowCursor after, int limit) {
		return this.access.readOnly().execute((tx) -> {
			String where = where(filter);
			if (after != null) {
				// Keyset: rows after the cursor in (created_at desc, id desc) order, in plain comparisons
				// every database reads; the first one alone bounds the created_at index scan, which the
				// or-condition by itself does not (PostgreSQL then scans from the newest row).
				where += " and w.createdAt <= :cursorAt and (w.createdAt < :cursorAt or w.id < :cursorId)";
			}
			TypedQuery<WorkflowEntity> query = newest(where, limit);
			if (after != null) {
				query.setParameter("cursorAt", after.createdAt());
				query.setParameter("cursorId", after.id());
			}
			if (filter.idPrefix() != null) {
				query.setParameter("prefix", likePrefix(filter.idPrefix()));
			}
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
		if (filter.idPrefix() != null) {
			// '!' rather than a backslash escapes: MySQL and MariaDB read a backslash in a literal.
			where.append(" and w.id like :prefix escape '!'");
		}
		return where.toString();
	}

	/** The prefix as a LIKE pattern that matches it literally. */
	static String likePrefix(String prefix) {
		return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
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
	public List<WorkflowCount> countByTypeAndStatus() {
		return this.access.readOnly()
			.execute((tx) -> this.entityManager
				.createQuery("select w.type, w.status, count(w) from DurableWorkflow w group by w.type, w.status"
						+ " order by w.type, w.status", Object[].class)
				.getResultList()
				.stream()
				.map((row) -> new WorkflowCount((String) row[0], WorkflowStatus.valueOf((String) row[1]),
						((Number) row[2]).longValue()))
				.toList());
	}

	@Override
	public Throughput throughput(Instant from, int minutes) {
		return this.access.readOnly().execute((tx) -> {
			// One pass over the window's rows, no date functions (they differ in every database):
			// column i counts the rows at or after minute i; neighbours' differences are the minutes.
			StringBuilder select = new StringBuilder("select ");
			for (int i = 0; i <= minutes; i++) {
				select.append("sum(case when w.createdAt >= :m").append(i).append(" then 1 else 0 end), ");
			}
			for (int i = 0; i <= minutes; i++) {
				select.append((i > 0) ? ", " : "")
					.append("sum(case when w.status in :ended and w.updatedAt >= :m")
					.append(i)
					.append(" then 1 else 0 end)");
			}
			select.append(" from DurableWorkflow w where w.createdAt >= :m0 or (w.status in :ended and w.updatedAt >= :m0)");
			TypedQuery<Object[]> query = this.entityManager.createQuery(select.toString(), Object[].class);
			for (int i = 0; i <= minutes; i++) {
				query.setParameter("m" + i, from.plus(Throughput.MINUTE.multipliedBy(i)));
			}
			query.setParameter("ended", StoreAccess.ENDED);
			Object[] row = query.getSingleResult();
			return new Throughput(from, perMinute(row, 0, minutes), perMinute(row, minutes + 1, minutes));
		});
	}

	private static List<Long> perMinute(Object[] row, int offset, int minutes) {
		List<Long> counts = new ArrayList<>(minutes);
		for (int i = 0; i < minutes; i++) {
			counts.add(count(row[offset + i]) - count(row[offset + i + 1]));
		}
		return counts;
	}

	private static long count(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : 0;
	}

	@Override
	public List<WorkflowRecord> overdue(Instant dueBefore, int limit) {
		return this.access.readOnly()
			.execute((tx) -> records(this.entityManager
				.createQuery("select w from DurableWorkflow w where w.dueAt < :before and w.status not in :ended"
						+ " order by w.dueAt", WorkflowEntity.class)
				.setParameter("before", dueBefore)
				.setParameter("ended", StoreAccess.ENDED)
				.setMaxResults(limit)));
	}

	@Override
	public List<NodeClaims> nodes() {
		return this.access.readOnly()
			.execute((tx) -> this.entityManager
				.createQuery("select w.owner, count(w), min(w.dueAt), max(w.dueAt) from DurableWorkflow w"
						+ " where w.status = :running and w.owner is not null group by w.owner order by w.owner",
						Object[].class)
				.setParameter("running", WorkflowStatus.RUNNING.name())
				.getResultList()
				.stream()
				.map((row) -> new NodeClaims((String) row[0], ((Number) row[1]).longValue(), (Instant) row[2],
						(Instant) row[3]))
				.toList());
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
