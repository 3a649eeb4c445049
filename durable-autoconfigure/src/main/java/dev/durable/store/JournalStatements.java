package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

import static dev.durable.store.SqlValues.setText;

/**
 * The hot path of the journal in plain JDBC: a step's fenced write and a run's journal read. Every
 * step pays for these, so they skip the entity machinery. A step is one insert that checks the
 * claim's token on the way and reads back the workflow's cancel flag; starts and ends, which
 * write the row too, are one statement on PostgreSQL (a writable common table expression). On
 * MariaDB and MySQL, which have no {@code update ... returning}, every write goes through
 * {@link MariaDbJournalBatch}: a locking read of the claims it fences, then its inserts.
 */
final class JournalStatements {

	private static final String FENCE = "update durable_workflow set updated_at = ?, due_at = ? "
			+ "where id = ? and run_token = ?";

	private static final String FINISH = "update durable_workflow set status = ?, result = ?, error_type = ?, "
			+ "error = ?, owner = null, run_token = null, waiting_for = null, due_at = null, updated_at = ?, "
			+ "run_attempts = 0, last_run_error = null where id = ? and run_token = ?";

	// Created claimed by the node that runs it (a direct call, or a start with a worker free): that run is the first.
	private static final String INSERT_CLAIMED = "insert into durable_workflow (id, type, status, input, owner, "
			+ "run_token, due_at, created_at, updated_at, deadline_at, priority, cancel_requested, run_attempts) "
			+ "values (?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, false, 1)";

	private static final String FROM_FENCE = " insert into durable_event (" + EventTable.COLUMNS
			+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from fence";

	/** A step's event, inserted only while the claim holds; the row itself is not written. */
	private static final String APPEND = "insert into durable_event (" + EventTable.COLUMNS
			+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from durable_workflow where id = ? and run_token = ?";

	/**
	 * MariaDB and MySQL: the same insert, its read of the claim a locking one, which sees the
	 * current row at any isolation and holds it until the statement's transaction commits.
	 */
	private static final String APPEND_LOCKING = APPEND + " for update";

	/** PostgreSQL: the same insert, returning the workflow's cancel flag if it was made. */
	private static final String APPEND_RETURNING_CANCEL = APPEND
			+ " returning (select w.cancel_requested from durable_workflow w where w.id = workflow_id)";

	private static final String CANCEL_REQUESTED = "select cancel_requested from durable_workflow where id = ?";

	private static final String SELECT_WORKFLOW = "select " + JournalRows.WORKFLOW_COLUMNS
			+ " from durable_workflow where id = ?";

	private static final String SELECT_JOURNAL = "select " + EventTable.VALUE_COLUMNS
			+ " from durable_event where workflow_id = ? order by seq";

	private static final String FINISH_COMBINED = "with fence as (" + FINISH + " returning id)" + FROM_FENCE;

	/** The same, with the run's last step's event inserted by a second insert under the same fence. */
	private static final String FINISH_WITH_STEP_COMBINED = "with fence as (" + FINISH + " returning id), "
			+ "step as (insert into durable_event (" + EventTable.COLUMNS
			+ ") select id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from fence)" + FROM_FENCE;

	// An existing id (a start's, which the caller chose) is skipped, and then no event is inserted.
	private static final String CREATE_COMBINED = "with fence as (" + INSERT_CLAIMED
			+ " on conflict (id) do nothing returning id)" + FROM_FENCE;

	private final boolean combineFenceAndInsert;

	private final boolean lockThenInsert;

	private final SqlValues values;

	JournalStatements(DatabasePlatform platform) {
		this.combineFenceAndInsert = platform == DatabasePlatform.POSTGRESQL;
		this.lockThenInsert = platform == DatabasePlatform.MARIADB;
		this.values = platform.sqlValues();
	}

	/** Whether these are PostgreSQL's statements. */
	boolean postgresql() {
		return this.combineFenceAndInsert;
	}

	/**
	 * Whether a group of writes goes as one statement ({@link #writeTogether}), which on an
	 * auto-commit connection commits as one implicit transaction: all of the group or none of it.
	 * On PostgreSQL any group does; on MariaDB and MySQL a lone step, whose fenced insert locks the
	 * row it reads ({@code insert ... select ... for update}), saving the round trips of a
	 * transaction of its own.
	 */
	boolean writesInOneStatement(List<JournalWrite> writes) {
		return this.combineFenceAndInsert
				|| (this.lockThenInsert && writes.size() == 1 && writes.get(0) instanceof JournalWrite.Append);
	}

	/**
	 * Make several workflows' writes one after another, in the connection's current transaction.
	 * @return for each write, in order, what became of it
	 */
	WriteOutcome[] writeEach(Connection connection, List<JournalWrite> writes) throws SQLException {
		if (this.lockThenInsert) {
			return MariaDbJournalBatch.write(connection, this.values, writes);
		}
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
			return WriteOutcome.of(finish(connection, finish));
		}
		JournalWrite.Create create = (JournalWrite.Create) write;
		String sql = this.combineFenceAndInsert ? CREATE_COMBINED : INSERT_CLAIMED;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int next = bindClaimed(statement, create.workflow());
			if (this.combineFenceAndInsert) {
				EventTable.bind(statement, next, this.values, null, create.startEvent());
				return WriteOutcome.of(statement.executeUpdate() == 1);
			}
			statement.executeUpdate();
		}
		EventTable.insert(connection, this.values, create.workflowId(), create.startEvent());
		return WriteOutcome.MADE;
	}

	/**
	 * Make writes of any kinds in one statement (PostgreSQL): a lone write in the statement of
	 * its kind, several in {@link PostgresJournalBatch}'s; or a lone step on MariaDB and MySQL
	 * (see {@link #writesInOneStatement}), whose cancel flag is then read by a second statement.
	 * @return for each write, in order, what became of it
	 */
	WriteOutcome[] writeTogether(Connection connection, List<JournalWrite> writes) throws SQLException {
		if (this.lockThenInsert) {
			JournalWrite.Append append = (JournalWrite.Append) writes.get(0);
			return new WriteOutcome[] { appendAndReadCancel(connection, APPEND_LOCKING, append.claim(),
					append.event()) };
		}
		if (writes.size() > 1) {
			return PostgresJournalBatch.write(connection, writes);
		}
		return new WriteOutcome[] { write(connection, writes.get(0)) };
	}

	private int bindClaimed(PreparedStatement statement, NewWorkflow workflow) throws SQLException {
		statement.setString(1, workflow.id());
		statement.setString(2, workflow.type());
		statement.setString(3, workflow.input());
		statement.setString(4, workflow.owner());
		statement.setString(5, workflow.claim().runToken());
		statement.setObject(6, this.values.timestamp(workflow.leaseUntil()));
		statement.setObject(7, this.values.timestamp(workflow.createdAt()));
		statement.setObject(8, this.values.timestamp(workflow.createdAt()));
		statement.setObject(9, (workflow.deadline() != null) ? this.values.timestamp(workflow.deadline()) : null);
		statement.setInt(10, workflow.priority());
		return 11;
	}

	/**
	 * Insert the event, if the claim still holds, and read whether cancellation was requested: on
	 * PostgreSQL in the same statement, elsewhere in a second one in the same transaction.
	 * @return what became of the write
	 */
	WriteOutcome append(Connection connection, ClaimedWorkflow claim, JournalEvent event) throws SQLException {
		if (this.lockThenInsert) {
			return writeEach(connection, List.of(new JournalWrite.Append(claim, event)))[0];
		}
		if (this.combineFenceAndInsert) {
			try (PreparedStatement statement = connection.prepareStatement(APPEND_RETURNING_CANCEL)) {
				bindAppend(statement, claim, event);
				try (ResultSet made = statement.executeQuery()) {
					return !made.next() ? WriteOutcome.REFUSED
							: made.getBoolean(1) ? WriteOutcome.MADE_CANCEL_REQUESTED : WriteOutcome.MADE;
				}
			}
		}
		return appendAndReadCancel(connection, APPEND, claim, event);
	}

	private WriteOutcome appendAndReadCancel(Connection connection, String sql, ClaimedWorkflow claim,
			JournalEvent event) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
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
	 * End the claimed workflow and insert its final event (after the run's last step's, if the
	 * finish carries one), if the claim still holds.
	 * @return {@code false} if the claim was replaced and nothing was written
	 */
	boolean finish(Connection connection, JournalWrite.Finish finish) throws SQLException {
		if (this.lockThenInsert) {
			return writeEach(connection, List.of(finish))[0] != WriteOutcome.REFUSED;
		}
		JournalEvent lastStep = finish.lastStep();
		String sql = !this.combineFenceAndInsert ? FINISH
				: (lastStep != null) ? FINISH_WITH_STEP_COMBINED : FINISH_COMBINED;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int next = bindFinish(statement, finish.claim(), finish.end(), finish.event().timestamp());
			if (this.combineFenceAndInsert) {
				for (JournalEvent event : finish.events()) {
					next = EventTable.bind(statement, next, this.values, null, event);
				}
				return statement.executeUpdate() == 1;
			}
			if (statement.executeUpdate() == 0) {
				return false;
			}
		}
		for (JournalEvent event : finish.events()) {
			EventTable.insert(connection, this.values, finish.workflowId(), event);
		}
		return true;
	}

	/**
	 * Read a workflow's row.
	 * @return the workflow, or null if there is none of that id
	 */
	@Nullable WorkflowRecord workflow(Connection connection, String workflowId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SELECT_WORKFLOW)) {
			statement.setString(1, workflowId);
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? JournalRows.workflow(row, this.values) : null;
			}
		}
	}

	/**
	 * Read a workflow's journal in order.
	 */
	List<JournalEvent> journal(Connection connection, String workflowId) throws SQLException {
		List<JournalEvent> events = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(SELECT_JOURNAL)) {
			statement.setString(1, workflowId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					events.add(JournalRows.event(rows, 1, this.values));
				}
			}
		}
		return events;
	}

	private void bindAppend(PreparedStatement statement, ClaimedWorkflow claim, JournalEvent event)
			throws SQLException {
		int next = EventTable.bind(statement, 1, this.values, null, event);
		statement.setString(next, claim.workflowId());
		statement.setString(next + 1, claim.runToken());
	}

	private int bindFinish(PreparedStatement statement, ClaimedWorkflow claim, WorkflowEnd end, Instant now)
			throws SQLException {
		statement.setString(1, end.status().name());
		setText(statement, 2, end.result());
		setText(statement, 3, end.errorType());
		setText(statement, 4, end.error());
		statement.setObject(5, this.values.timestamp(now));
		statement.setString(6, claim.workflowId());
		statement.setString(7, claim.runToken());
		return 8;
	}

	private int bindFence(PreparedStatement statement, int index, ClaimedWorkflow claim, Instant now,
			Instant leaseUntil) throws SQLException {
		statement.setObject(index, this.values.timestamp(now));
		statement.setObject(index + 1, this.values.timestamp(leaseUntil));
		statement.setString(index + 2, claim.workflowId());
		statement.setString(index + 3, claim.runToken());
		return index + 4;
	}

}
