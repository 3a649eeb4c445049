package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import org.jspecify.annotations.Nullable;

import static dev.durable.store.SqlValues.setText;

/**
 * MariaDB and MySQL: the writes of a group commit, of any kinds, in the caller's transaction, in
 * a few statements whatever the batch holds. Neither database has {@code update ... returning},
 * so the fence is a locking read: one {@code select ... for update} of the rows of every append
 * and finish, which keeps them locked until the commit. A claimer's {@code skip locked} select
 * passes them by, and a claim already made has replaced the token the read finds, so a write
 * whose node lost its lease is refused, and one whose claim holds cannot lose it before it
 * commits. Then the new workflows in one multi-row insert, the finishes' row updates as one JDBC
 * batch (fenced by the token again) and the events of every write made in one multi-row insert.
 *
 * <p>The locking read sees the current rows at any isolation, and being by primary key it takes
 * no gap locks under repeatable read for the rows that exist. A workflow makes one write at a
 * time, so no batch holds two writes of the same run; a finish may carry the run's last step,
 * whose event is inserted with the end's.
 */
final class MariaDbJournalBatch {

	private static final String INSERT_WORKFLOW_COLUMNS = "insert into durable_workflow (id, type, status, input, "
			+ "owner, run_token, due_at, created_at, updated_at, deadline_at, priority, cancel_requested, run_attempts) "
			+ "values ";

	private static final String WORKFLOW_ROW = "(?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?, false, 1)";

	private static final String FINISH = "update durable_workflow set status = ?, result = ?, error_type = ?, "
			+ "error = ?, owner = null, run_token = null, waiting_for = null, due_at = null, updated_at = ?, "
			+ "run_attempts = 0, last_run_error = null where id = ? and run_token = ?";

	private static final String INSERT_EVENT_COLUMNS = "insert into durable_event (" + EventTable.COLUMNS + ") values ";

	private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** Rows per multi-row insert, well below the protocol's 65,535 parameters. */
	private static final int ROWS_PER_INSERT = 500;

	private MariaDbJournalBatch() {
	}

	/**
	 * Make the writes on the given connection, in its current transaction.
	 * @return for each write, in order, what became of it
	 */
	static WriteOutcome[] write(Connection connection, SqlValues values, List<JournalWrite> writes)
			throws SQLException {
		Map<String, Fence> fences = lockClaimed(connection, writes);
		WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
		List<NewWorkflow> created = new ArrayList<>();
		List<JournalWrite.Finish> finished = new ArrayList<>();
		List<JournalWrite> made = new ArrayList<>();
		for (int i = 0; i < writes.size(); i++) {
			JournalWrite write = writes.get(i);
			if (write instanceof JournalWrite.Create create) {
				created.add(create.workflow());
				outcomes[i] = WriteOutcome.MADE;
			}
			else {
				ClaimedWorkflow claim = (write instanceof JournalWrite.Append append) ? append.claim()
						: ((JournalWrite.Finish) write).claim();
				Fence fence = fences.get(claim.workflowId());
				if (fence == null || !claim.runToken().equals(fence.runToken())) {
					outcomes[i] = WriteOutcome.REFUSED;
					continue;
				}
				if (write instanceof JournalWrite.Finish finish) {
					finished.add(finish);
					outcomes[i] = WriteOutcome.MADE;
				}
				else {
					outcomes[i] = fence.cancelRequested() ? WriteOutcome.MADE_CANCEL_REQUESTED : WriteOutcome.MADE;
				}
			}
			made.add(write);
		}
		insertWorkflows(connection, values, created);
		finish(connection, values, finished);
		insertEvents(connection, values, made);
		return outcomes;
	}

	/**
	 * Lock the rows of the appends and finishes, and read their tokens and cancel flags.
	 */
	private static Map<String, Fence> lockClaimed(Connection connection, List<JournalWrite> writes)
			throws SQLException {
		List<String> ids = new ArrayList<>(writes.size());
		for (JournalWrite write : writes) {
			if (!(write instanceof JournalWrite.Create)) {
				ids.add(write.workflowId());
			}
		}
		Map<String, Fence> fences = new HashMap<>();
		if (ids.isEmpty()) {
			return fences;
		}
		String sql = "select id, run_token, cancel_requested from durable_workflow where id in ("
				+ placeholders(ids.size()) + ") for update";
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			for (int i = 0; i < ids.size(); i++) {
				select.setString(i + 1, ids.get(i));
			}
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					fences.put(rows.getString(1), new Fence(rows.getString(2), rows.getBoolean(3)));
				}
			}
		}
		return fences;
	}

	private static void insertWorkflows(Connection connection, SqlValues values, List<NewWorkflow> workflows)
			throws SQLException {
		for (List<NewWorkflow> rows : chunks(workflows)) {
			try (PreparedStatement insert = connection
				.prepareStatement(INSERT_WORKFLOW_COLUMNS + rowsOf(WORKFLOW_ROW, rows.size()))) {
				int i = 1;
				for (NewWorkflow workflow : rows) {
					insert.setString(i++, workflow.id());
					insert.setString(i++, workflow.type());
					insert.setString(i++, workflow.input());
					insert.setString(i++, workflow.owner());
					insert.setString(i++, workflow.claim().runToken());
					insert.setObject(i++, values.timestamp(workflow.leaseUntil()));
					insert.setObject(i++, values.timestamp(workflow.createdAt()));
					insert.setObject(i++, values.timestamp(workflow.createdAt()));
					insert.setObject(i++, (workflow.deadline() != null) ? values.timestamp(workflow.deadline()) : null);
					insert.setInt(i++, workflow.priority());
				}
				insert.executeUpdate();
			}
		}
	}

	private static void finish(Connection connection, SqlValues values, List<JournalWrite.Finish> finishes)
			throws SQLException {
		if (finishes.isEmpty()) {
			return;
		}
		try (PreparedStatement update = connection.prepareStatement(FINISH)) {
			for (JournalWrite.Finish finish : finishes) {
				WorkflowEnd end = finish.end();
				update.setString(1, end.status().name());
				setText(update, 2, end.result());
				setText(update, 3, end.errorType());
				setText(update, 4, end.error());
				update.setObject(5, values.timestamp(finish.event().timestamp()));
				update.setString(6, finish.claim().workflowId());
				update.setString(7, finish.claim().runToken());
				if (finishes.size() == 1) {
					update.executeUpdate();
					return;
				}
				update.addBatch();
			}
			update.executeBatch();
		}
	}

	private static void insertEvents(Connection connection, SqlValues values, List<JournalWrite> made)
			throws SQLException {
		List<Map.Entry<String, JournalEvent>> events = new ArrayList<>(made.size());
		for (JournalWrite write : made) {
			for (JournalEvent event : write.events()) {
				events.add(Map.entry(write.workflowId(), event));
			}
		}
		for (List<Map.Entry<String, JournalEvent>> rows : chunks(events)) {
			try (PreparedStatement insert = connection
				.prepareStatement(INSERT_EVENT_COLUMNS + rowsOf(EVENT_ROW, rows.size()))) {
				int next = 1;
				for (Map.Entry<String, JournalEvent> row : rows) {
					next = EventTable.bind(insert, next, values, row.getKey(), row.getValue());
				}
				insert.executeUpdate();
			}
		}
	}

	private static <T> List<List<T>> chunks(List<T> items) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < items.size(); from += ROWS_PER_INSERT) {
			chunks.add(items.subList(from, Math.min(items.size(), from + ROWS_PER_INSERT)));
		}
		return chunks;
	}

	private static String rowsOf(String row, int count) {
		String[] rows = new String[count];
		Arrays.fill(rows, row);
		return String.join(", ", rows);
	}

	private static String placeholders(int count) {
		return rowsOf("?", count);
	}

	/** What the locking read found on a workflow's row. */
	private record Fence(@Nullable String runToken, boolean cancelRequested) {
	}

}
