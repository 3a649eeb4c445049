package dev.durable.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * The one mapper from stored rows to the engine's values: workflows read through JDBC or as
 * entities, and events read through JDBC.
 */
final class JournalRows {

	/** The columns {@link #workflow(ResultSet)} reads, in its order. */
	static final String WORKFLOW_COLUMNS = "id, type, status, input, result, error_type, error, owner, due_at, "
			+ "parent_id, cancel_requested, created_at, updated_at";

	private JournalRows() {
	}

	/**
	 * Read a workflow from the columns of {@link #WORKFLOW_COLUMNS}, the first of them at 1.
	 */
	static WorkflowRecord workflow(ResultSet row, SqlValues values) throws SQLException {
		return WorkflowRecord
			.builder(row.getString(1), row.getString(2), WorkflowStatus.valueOf(row.getString(3)), row.getString(4),
					values.requiredInstant(row, 12))
			.result(row.getString(5))
			.error(row.getString(6), row.getString(7))
			.owner(row.getString(8))
			.dueAt(values.instant(row, 9))
			.parentId(row.getString(10))
			.cancelRequested(row.getBoolean(11))
			.updatedAt(values.instant(row, 13))
			.build();
	}

	/**
	 * Read a workflow from its entity.
	 */
	static WorkflowRecord workflow(WorkflowEntity entity) {
		return WorkflowRecord
			.builder(entity.getId(), entity.getType(), WorkflowStatus.valueOf(entity.getStatus()), entity.getInput(),
					entity.getCreatedAt())
			.result(entity.getResult())
			.error(entity.getErrorType(), entity.getError())
			.owner(entity.getOwner())
			.dueAt(entity.getDueAt())
			.parentId(entity.getParentId())
			.cancelRequested(entity.isCancelRequested())
			.updatedAt(entity.getUpdatedAt())
			.build();
	}

	/**
	 * Read an event from the columns of {@link EventTable#VALUE_COLUMNS}, the first of them at
	 * {@code first}, begin time included. A method of its own so that it is compiled after a few
	 * hundred rows: a replay's loop over a long journal runs once per run and would otherwise stay
	 * interpreted for many runs.
	 */
	static JournalEvent event(ResultSet row, int first, SqlValues values) throws SQLException {
		return event(row, first, values, values.instant(row, first + 10));
	}

	/**
	 * Read an event from the columns of {@link EventTable#VALUE_COLUMNS} up to {@code recorded_at},
	 * without its begin time: for the claim's one-statement load ({@link ClaimStatements}), whose
	 * rows go on with other columns. Replay never reads the begin time.
	 */
	static JournalEvent eventForReplay(ResultSet row, int first, SqlValues values) throws SQLException {
		return event(row, first, values, null);
	}

	private static JournalEvent event(ResultSet row, int first, SqlValues values, @Nullable Instant startedAt)
			throws SQLException {
		int i = first;
		return new JournalEvent(row.getLong(i), row.getInt(i + 1), EventKind.valueOf(row.getString(i + 2)),
				row.getString(i + 3), row.getInt(i + 4), row.getString(i + 5), row.getString(i + 6),
				row.getString(i + 7), row.getString(i + 8), values.requiredInstant(row, i + 9), startedAt);
	}

}
