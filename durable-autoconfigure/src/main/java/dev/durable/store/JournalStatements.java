package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.durable.WorkflowStatus;
import dev.durable.engine.ClaimedWorkflow;
import dev.durable.engine.EventKind;
import dev.durable.engine.JournalEvent;
import org.jspecify.annotations.Nullable;

/**
 * The hot path of the journal in plain JDBC on the transaction's connection: a step's fenced write
 * and a run's journal read. Every step pays for these, so they skip the entity machinery; on
 * PostgreSQL the fence and the insert are one statement, one round trip.
 */
final class JournalStatements {

	private static final String FENCE = "update durable_workflow set updated_at = ?, due_at = ? "
			+ "where id = ? and run_token = ?";

	private static final String FINISH = "update durable_workflow set status = ?, result = ?, error_type = ?, "
			+ "error = ?, owner = null, run_token = null, waiting_for = null, due_at = null, updated_at = ? "
			+ "where id = ? and run_token = ?";

	private static final String EVENT_COLUMNS = "workflow_id, seq, step, kind, name, attempt, input, output, "
			+ "error_type, error, recorded_at";

	private static final String INSERT_EVENT = "insert into durable_event (" + EVENT_COLUMNS
			+ ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private final boolean combineFenceAndInsert;

	JournalStatements(boolean combineFenceAndInsert) {
		this.combineFenceAndInsert = combineFenceAndInsert;
	}

	/**
	 * Extend the claim's lease and insert the event, if the claim still holds.
	 * @return {@code false} if the claim was replaced and nothing was written
	 */
	boolean append(Connection connection, ClaimedWorkflow claim, JournalEvent event, Instant leaseUntil)
			throws SQLException {
		if (this.combineFenceAndInsert) {
			String sql = "with fence as (" + FENCE + " returning id) insert into durable_event (" + EVENT_COLUMNS
					+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from fence";
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				int next = bindFence(statement, 1, claim, event.timestamp(), leaseUntil);
				bindEvent(statement, next, null, event);
				return statement.executeUpdate() == 1;
			}
		}
		if (!fence(connection, claim, event.timestamp(), leaseUntil)) {
			return false;
		}
		insert(connection, claim.workflowId(), event);
		return true;
	}

	/**
	 * Extend the claim's lease, if the claim still holds: the fence of writes that are not an
	 * event (a consumed signal, a child's row) and go before their own event.
	 * @return {@code false} if the claim was replaced
	 */
	boolean fence(Connection connection, ClaimedWorkflow claim, Instant now, Instant leaseUntil) throws SQLException {
		try (PreparedStatement fence = connection.prepareStatement(FENCE)) {
			bindFence(fence, 1, claim, now, leaseUntil);
			return fence.executeUpdate() == 1;
		}
	}

	/**
	 * End the claimed workflow and insert its final event, if the claim still holds.
	 * @return {@code false} if the claim was replaced and nothing was written
	 */
	boolean finish(Connection connection, ClaimedWorkflow claim, WorkflowStatus status, @Nullable String result,
			@Nullable String errorType, @Nullable String error, JournalEvent event) throws SQLException {
		String sql = this.combineFenceAndInsert ? "with fence as (" + FINISH + " returning id) insert into "
				+ "durable_event (" + EVENT_COLUMNS + ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from fence" : FINISH;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, status.name());
			setText(statement, 2, result);
			setText(statement, 3, errorType);
			setText(statement, 4, error);
			statement.setObject(5, utc(event.timestamp()));
			statement.setString(6, claim.workflowId());
			statement.setString(7, claim.runToken());
			if (this.combineFenceAndInsert) {
				bindEvent(statement, 8, null, event);
				return statement.executeUpdate() == 1;
			}
			if (statement.executeUpdate() == 0) {
				return false;
			}
		}
		insert(connection, claim.workflowId(), event);
		return true;
	}

	/**
	 * Read a workflow's journal in order.
	 */
	List<JournalEvent> journal(Connection connection, String workflowId) throws SQLException {
		List<JournalEvent> events = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"select seq, step, kind, name, attempt, input, output, error_type, error, recorded_at "
						+ "from durable_event where workflow_id = ? order by seq")) {
			statement.setString(1, workflowId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					events.add(new JournalEvent(rows.getLong(1), rows.getInt(2), EventKind.valueOf(rows.getString(3)),
							rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7),
							rows.getString(8), rows.getString(9), rows.getObject(10, OffsetDateTime.class).toInstant()));
				}
			}
		}
		return events;
	}

	private void insert(Connection connection, String workflowId, JournalEvent event) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENT)) {
			bindEvent(statement, 1, workflowId, event);
			statement.executeUpdate();
		}
	}

	private static int bindFence(PreparedStatement statement, int index, ClaimedWorkflow claim, Instant now,
			Instant leaseUntil) throws SQLException {
		statement.setObject(index, utc(now));
		statement.setObject(index + 1, utc(leaseUntil));
		statement.setString(index + 2, claim.workflowId());
		statement.setString(index + 3, claim.runToken());
		return index + 4;
	}

	/**
	 * Bind an event's values; without a workflow id, the statement takes it from the fence.
	 */
	private static void bindEvent(PreparedStatement statement, int index, @Nullable String workflowId,
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
		statement.setObject(i, utc(event.timestamp()));
	}

	private static void setText(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
