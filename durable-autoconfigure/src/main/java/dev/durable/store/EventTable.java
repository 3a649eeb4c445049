package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.durable.engine.journal.JournalEvent;
import org.jspecify.annotations.Nullable;

import static dev.durable.store.SqlValues.setText;

/**
 * The one writer of {@code durable_event}: its column list, and how an event's values are bound
 * to it, in plain JDBC or as an entity for the writes that go through JPA. Every statement that
 * inserts or reads events takes its columns from here, so that a new column is added in one
 * place ({@link JournalRows#event} reads them back in the same order). The group commit's
 * PostgreSQL statement ({@link PostgresJournalBatch}) is the exception: it names them in its own
 * text, which stays as it is measured.
 */
final class EventTable {

	/** An event's columns after its workflow id, in the order they are bound and read. */
	static final String VALUE_COLUMNS = "seq, step, kind, name, attempt, input, output, error_type, error, recorded_at, "
			+ "started_at";

	/** Every column of an event, in the order they are bound. */
	static final String COLUMNS = "workflow_id, " + VALUE_COLUMNS;

	private static final String INSERT = "insert into durable_event (" + COLUMNS
			+ ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private EventTable() {
	}

	/**
	 * Insert an event on the connection, in its current transaction.
	 */
	static void insert(Connection connection, SqlValues values, String workflowId, JournalEvent event)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
			bind(statement, 1, values, workflowId, event);
			statement.executeUpdate();
		}
	}

	/**
	 * Bind an event's values in the order of {@link #COLUMNS}; without a workflow id, in the order
	 * of {@link #VALUE_COLUMNS}, for a statement that takes the id from the row it fences.
	 * @return the index after the last value bound
	 */
	static int bind(PreparedStatement statement, int index, SqlValues values, @Nullable String workflowId,
			JournalEvent event) throws SQLException {
		int i = index;
		if (workflowId != null) {
			statement.setString(i++, workflowId);
		}
		statement.setLong(i++, event.seq());
		statement.setInt(i++, event.step());
		statement.setString(i++, event.kind().name());
		statement.setString(i++, event.name());
		statement.setInt(i++, event.attempt());
		setText(statement, i++, event.input());
		setText(statement, i++, event.output());
		setText(statement, i++, event.errorType());
		setText(statement, i++, event.error());
		statement.setObject(i++, values.timestamp(event.timestamp()));
		statement.setObject(i++, (event.startedAt() != null) ? values.timestamp(event.startedAt()) : null);
		return i;
	}

	/**
	 * An event as an entity, for writes that share a JPA transaction with entities they touch.
	 */
	static EventEntity entity(String workflowId, JournalEvent event) {
		return new EventEntity(workflowId, event.seq(), event.step(), event.kind().name(), event.name(),
				event.attempt(), event.input(), event.output(), event.errorType(), event.error(), event.timestamp(),
				event.startedAt());
	}

}
