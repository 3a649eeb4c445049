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
import dev.durable.engine.NewWorkflow;
import dev.durable.engine.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * The hot path of the journal in plain JDBC: a step's fenced write and a run's journal read. Every
 * step pays for these, so they skip the entity machinery. A step is one insert that checks the
 * claim's token on the way and reads back the workflow's cancel flag; starts and ends, which
 * write the row too, are one statement on PostgreSQL (a writable common table expression).
 */
final class JournalStatements {

	private static final String FENCE = "update durable_workflow set updated_at = ?, due_at = ? "
			+ "where id = ? and run_token = ?";

	private static final String FINISH = "update durable_workflow set status = ?, result = ?, error_type = ?, "
			+ "error = ?, owner = null, run_token = null, waiting_for = null, due_at = null, updated_at = ?, "
			+ "run_attempts = 0, last_run_error = null where id = ? and run_token = ?";

	private static final String EVENT_COLUMNS = "workflow_id, seq, step, kind, name, attempt, input, output, "
			+ "error_type, error, recorded_at";

	private static final String INSERT_EVENT = "insert into durable_event (" + EVENT_COLUMNS
			+ ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	// Created claimed for a run on the caller's thread: that run is the first.
	private static final String INSERT_CLAIMED = "insert into durable_workflow (id, type, status, input, owner, "
			+ "run_token, due_at, created_at, updated_at, cancel_requested, run_attempts) "
			+ "values (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, false, 1)";

	private static final String FROM_FENCE = " insert into durable_event (" + EVENT_COLUMNS
			+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from fence";

	/** A step's event, inserted only while the claim holds; the row itself is not written. */
	private static final String APPEND = "insert into durable_event (" + EVENT_COLUMNS
			+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from durable_workflow where id = ? and run_token = ?";

	/** PostgreSQL: the same insert, returning the workflow's cancel flag if it was made. */
	private static final String APPEND_RETURNING_CANCEL = APPEND
			+ " returning (select w.cancel_requested from durable_workflow w where w.id = workflow_id)";

	private static final String CANCEL_REQUESTED = "select cancel_requested from durable_workflow where id = ?";

	private static final String FINISH_COMBINED = "with fence as (" + FINISH + " returning id)" + FROM_FENCE;

	private static final String CREATE_COMBINED = "with fence as (" + INSERT_CLAIMED + " returning id)" + FROM_FENCE;

	private final boolean combineFenceAndInsert;

	JournalStatements(boolean combineFenceAndInsert) {
		this.combineFenceAndInsert = combineFenceAndInsert;
	}

	/**
	 * Whether a group of writes goes as one statement ({@link #writeTogether}), which on an
	 * auto-commit connection commits as one implicit transaction: all of the group or none of it.
	 */
	boolean writesInOneStatement() {
		return this.combineFenceAndInsert;
	}

	/**
	 * Make several workflows' writes one after another, in the connection's current transaction.
	 * @return for each write, in order, what became of it
	 */
	WriteOutcome[] writeEach(Connection connection, List<JournalWrite> writes) throws SQLException {
		WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
		for (int i = 0; i < writes.size(); i++) {
			outcomes[i] = write(connection, writes.get(i));
		}
		return outcomes;
	}

	private WriteOutcome write(Connection connection, JournalWrite write) throws SQLException {
		if (write instanceof JournalWrite.Append append) {
			return append(connection, append.claim(), append.event());
		}
		if (write instanceof JournalWrite.Finish finish) {
			return WriteOutcome.of(finish(connection, finish.claim(), finish.status(), finish.result(),
					finish.errorType(), finish.error(), finish.event()));
		}
		JournalWrite.Create create = (JournalWrite.Create) write;
		String sql = this.combineFenceAndInsert ? CREATE_COMBINED : INSERT_CLAIMED;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int next = bindClaimed(statement, create.workflow());
			if (this.combineFenceAndInsert) {
				bindEvent(statement, next, null, create.startEvent());
				return WriteOutcome.of(statement.executeUpdate() == 1);
			}
			statement.executeUpdate();
		}
		insert(connection, create.workflowId(), create.startEvent());
		return WriteOutcome.MADE;
	}

	/**
	 * Make writes of any kinds in one statement (PostgreSQL only): a lone write in the statement of
	 * its kind, several in {@link PostgresJournalBatch}'s.
	 * @return for each write, in order, what became of it
	 */
	WriteOutcome[] writeTogether(Connection connection, List<JournalWrite> writes) throws SQLException {
		if (writes.size() > 1) {
			return PostgresJournalBatch.write(connection, writes);
		}
		return new WriteOutcome[] { write(connection, writes.get(0)) };
	}

	private static int bindClaimed(PreparedStatement statement, NewWorkflow workflow)
			throws SQLException {
		statement.setString(1, workflow.id());
		statement.setString(2, workflow.type());
		statement.setString(3, workflow.input());
		statement.setString(4, workflow.owner());
		statement.setString(5, workflow.claim().runToken());
		statement.setObject(6, utc(workflow.leaseUntil()));
		statement.setObject(7, utc(workflow.createdAt()));
		statement.setObject(8, utc(workflow.createdAt()));
		return 9;
	}

	/**
	 * Insert the event, if the claim still holds, and read whether cancellation was requested: on
	 * PostgreSQL in the same statement, elsewhere in a second one in the same transaction.
	 * @return what became of the write
	 */
	WriteOutcome append(Connection connection, ClaimedWorkflow claim, JournalEvent event) throws SQLException {
		if (this.combineFenceAndInsert) {
			try (PreparedStatement statement = connection.prepareStatement(APPEND_RETURNING_CANCEL)) {
				bindAppend(statement, claim, event);
				try (ResultSet made = statement.executeQuery()) {
					return !made.next() ? WriteOutcome.REFUSED
							: made.getBoolean(1) ? WriteOutcome.MADE_CANCEL_REQUESTED : WriteOutcome.MADE;
				}
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
			bindAppend(statement, claim, event);
			if (statement.executeUpdate() == 0) {
				return WriteOutcome.REFUSED;
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(CANCEL_REQUESTED)) {
			statement.setString(1, claim.workflowId());
			try (ResultSet row = statement.executeQuery()) {
				return (row.next() && row.getBoolean(1)) ? WriteOutcome.MADE_CANCEL_REQUESTED : WriteOutcome.MADE;
			}
		}
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
		String sql = this.combineFenceAndInsert ? FINISH_COMBINED : FINISH;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int next = bindFinish(statement, claim, status, result, errorType, error, event.timestamp());
			if (this.combineFenceAndInsert) {
				bindEvent(statement, next, null, event);
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
	 * Read a workflow's row.
	 * @return the workflow, or null if there is none of that id
	 */
	@Nullable WorkflowRecord workflow(Connection connection, String workflowId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select id, type, status, input, result, "
				+ "error_type, error, owner, due_at, parent_id, cancel_requested, created_at, updated_at "
				+ "from durable_workflow where id = ?")) {
			statement.setString(1, workflowId);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				return new WorkflowRecord(row.getString(1), row.getString(2), WorkflowStatus.valueOf(row.getString(3)),
						row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
						instant(row, 9), row.getString(10), row.getBoolean(11), instant(row, 12), instant(row, 13));
			}
		}
	}

	private static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
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
					events.add(event(rows, 1));
				}
			}
		}
		return events;
	}

	/**
	 * Read an event from the columns seq, step, kind, name, attempt, input, output, error_type, error
	 * and recorded_at, the first of them at {@code first}. A method of its own so that it is
	 * compiled after a few hundred rows: a replay's loop over a long journal runs once per run and
	 * would otherwise stay interpreted for many runs.
	 */
	static JournalEvent event(ResultSet row, int first) throws SQLException {
		int i = first;
		return new JournalEvent(row.getLong(i), row.getInt(i + 1), EventKind.valueOf(row.getString(i + 2)),
				row.getString(i + 3), row.getInt(i + 4), row.getString(i + 5), row.getString(i + 6),
				row.getString(i + 7), row.getString(i + 8), row.getObject(i + 9, OffsetDateTime.class).toInstant());
	}

	private void insert(Connection connection, String workflowId, JournalEvent event) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(INSERT_EVENT)) {
			bindEvent(statement, 1, workflowId, event);
			statement.executeUpdate();
		}
	}

	private static void bindAppend(PreparedStatement statement, ClaimedWorkflow claim, JournalEvent event)
			throws SQLException {
		bindEvent(statement, 1, null, event);
		statement.setString(11, claim.workflowId());
		statement.setString(12, claim.runToken());
	}

	private static int bindFinish(PreparedStatement statement, ClaimedWorkflow claim, WorkflowStatus status,
			@Nullable String result, @Nullable String errorType, @Nullable String error, Instant now)
			throws SQLException {
		statement.setString(1, status.name());
		setText(statement, 2, result);
		setText(statement, 3, errorType);
		setText(statement, 4, error);
		statement.setObject(5, utc(now));
		statement.setString(6, claim.workflowId());
		statement.setString(7, claim.runToken());
		return 8;
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
