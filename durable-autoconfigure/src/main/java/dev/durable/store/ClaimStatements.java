package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowRecord;

/**
 * Claims due workflows for a node in plain JDBC: one statement on PostgreSQL, where concurrent
 * claimers skip each other's rows; locking selects and a batched update elsewhere (on MariaDB and
 * MySQL selects that skip locked rows too, in a read-committed transaction). Workflows whose
 * lease expired come before other due work.
 */
final class ClaimStatements {

	// Expired leases first: a workflow a dead or paused node held is mid-run, and must not wait
	// behind a backlog of new work that became due before its lease ran out. Running rows are few
	// (nodes x concurrency), so the first part is cheap; the second walks the due index as before.
	private static final String SELECT_EXPIRED = "select id, due_at, 0 as claim_order, run_attempts "
			+ "from durable_workflow where status = 'RUNNING' and due_at <= ? order by due_at limit ?";

	private static final String SELECT_OTHER_DUE = "select id, due_at, 1 as claim_order, run_attempts "
			+ "from durable_workflow where due_at <= ? and status <> 'RUNNING' order by due_at limit ?";

	// A claim counts its run before the run starts, so that a run which kills the process counts
	// too; a run that ends or waits sets the count back to 0, one handed back undoes its count.
	private static final String CLAIM = "update durable_workflow set status = 'RUNNING', owner = ?, run_token = ?, "
			+ "waiting_for = null, due_at = ?, updated_at = ?, run_attempts = run_attempts + 1 where ";

	// One round trip claims and loads: the claimed rows, then their journals, as one result. The
	// claim commits without waiting for its WAL flush (synchronous_commit off for this
	// statement's transaction only). A claim lost to a database crash costs nothing: the workflow
	// is due again, and the claiming run's first write, fenced by the lost token, is refused; a
	// claim that a step's record depends on is flushed by that record's own synchronous commit,
	// which flushes all WAL before it. The journal read sees the statement's snapshot, which is
	// the whole journal: the new token fences out every writer of an older claim.
	// Result rows share one shape: a claimed workflow is a row of seq 0 (events start at 1) that
	// carries its type, result, input, parent, error and created_at in the columns an event uses
	// for kind, name, input, output, error and recorded_at, then the time it became due, its
	// cancel flag and its run count; its events follow in seq order. Each journal is read through the key's index:
	// the lateral subquery (offset 0 keeps the planner from flattening it) probes it once per
	// claimed row, where a join on "workflow_id in (claimed)" let a generic plan with stale
	// statistics scan the whole event table on every claim.
	private static final String CLAIM_AND_LOAD_POSTGRESQL = "with expired as (" + SELECT_EXPIRED
			+ " for update skip locked), other as (" + SELECT_OTHER_DUE + " for update skip locked), due as (select id, due_at from (select * from expired "
			+ "union all select * from other) candidates order by claim_order, due_at limit ?), "
			+ "claimed as (update durable_workflow w "
			+ "set status = 'RUNNING', owner = ?, run_token = ?, waiting_for = null, due_at = ?, updated_at = ?, "
			+ "run_attempts = w.run_attempts + 1 "
			+ "from due, (select set_config('synchronous_commit', 'off', true)) async_commit "
			+ "where w.id = due.id returning w.id, w.type, w.input, w.result, w.error_type, w.error, w.parent_id, "
			+ "w.cancel_requested, w.created_at, w.run_attempts, due.due_at as became_due) "
			+ "select c.id, 0, 0, c.type, c.result, 0, c.input, c.parent_id, c.error_type, c.error, c.created_at, "
			+ "c.became_due, c.cancel_requested, c.run_attempts from claimed c union all "
			+ "select e.workflow_id, e.seq, e.step, e.kind, e.name, e.attempt, e.input, e.output, e.error_type, e.error, "
			+ "e.recorded_at, null, null, null from claimed j cross join lateral (select * from durable_event e "
			+ "where e.workflow_id = j.id offset 0) e order by 1, 2";

	private final DatabasePlatform platform;

	private final SqlValues values;

	ClaimStatements(DatabasePlatform platform) {
		this.platform = platform;
		this.values = platform.sqlValues();
	}

	/**
	 * Whether a claim is one statement, which needs no transaction around it, and brings the claimed
	 * workflows' rows and journals along ({@link #claimAndLoad}).
	 */
	boolean isOneStatement() {
		return this.platform == DatabasePlatform.POSTGRESQL;
	}

	/**
	 * PostgreSQL: claim up to {@code limit} due workflows under a token and read each one's row and
	 * journal, in one statement.
	 * @return the claims, each with the time it had become due, its workflow and its journal
	 */
	List<ClaimedRun> claimAndLoad(Connection connection, String nodeId, String token, Instant now, Instant leaseUntil,
			int limit) throws SQLException {
		List<ClaimedRun> runs = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(CLAIM_AND_LOAD_POSTGRESQL)) {
			statement.setObject(1, now.atOffset(ZoneOffset.UTC));
			statement.setInt(2, limit);
			statement.setObject(3, now.atOffset(ZoneOffset.UTC));
			statement.setInt(4, limit);
			statement.setInt(5, limit);
			bindClaim(statement, 6, this.values, nodeId, token, now, leaseUntil);
			try (ResultSet rows = statement.executeQuery()) {
				ClaimedWorkflow claim = null;
				WorkflowRecord workflow = null;
				List<JournalEvent> journal = new ArrayList<>();
				while (rows.next()) {
					if (rows.getLong(2) != 0) {
						journal.add(JournalRows.eventForReplay(rows, 2, this.values));
						continue;
					}
					if (claim != null) {
						runs.add(new ClaimedRun(claim, new LoadedWorkflow(workflow, journal)));
						journal = new ArrayList<>();
					}
					String id = rows.getString(1);
					claim = new ClaimedWorkflow(id, token, instant(rows, 12), rows.getInt(14));
					workflow = claimed(rows, nodeId, now, leaseUntil);
				}
				if (claim != null) {
					runs.add(new ClaimedRun(claim, new LoadedWorkflow(workflow, journal)));
				}
			}
		}
		return runs;
	}

	/**
	 * Read a claimed workflow's row of {@link #CLAIM_AND_LOAD_POSTGRESQL}, which carries its row in
	 * the columns an event uses, as it reads after the claim.
	 */
	private static WorkflowRecord claimed(ResultSet rows, String nodeId, Instant now, Instant leaseUntil)
			throws SQLException {
		return WorkflowRecord
			.builder(rows.getString(1), rows.getString(4), WorkflowStatus.RUNNING, rows.getString(7),
					instant(rows, 11))
			.result(rows.getString(5))
			.error(rows.getString(9), rows.getString(10))
			.owner(nodeId)
			.dueAt(leaseUntil)
			.parentId(rows.getString(8))
			.cancelRequested(rows.getBoolean(13))
			.updatedAt(now)
			.build();
	}

	/**
	 * Other databases: claim up to {@code limit} due workflows under a token, with locking selects
	 * and a batched update in the caller's transaction. On MariaDB and MySQL the selects skip rows
	 * that other transactions hold ({@code skip locked}, as PostgreSQL's statement does), so that
	 * concurrent claimers never wait for each other; the update in the same transaction keeps the
	 * rows locked until the claim commits, and the new token fences out the previous holder.
	 * @return the claims, with the time each had become due
	 */
	List<ClaimedWorkflow> claim(Connection connection, String nodeId, String token, Instant now, Instant leaseUntil, int limit)
			throws SQLException {
		List<ClaimedWorkflow> claims = new ArrayList<>();
		for (String due : List.of(SELECT_EXPIRED, SELECT_OTHER_DUE)) {
			try (PreparedStatement select = connection.prepareStatement(due + this.platform.claimLock())) {
				select.setObject(1, this.values.timestamp(now));
				select.setInt(2, limit - claims.size());
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						claims.add(new ClaimedWorkflow(rows.getString(1), token,
								this.values.requiredInstant(rows, 2), rows.getInt(4) + 1));
					}
				}
			}
			if (claims.size() == limit) {
				break;
			}
		}
		if (!claims.isEmpty()) {
			try (PreparedStatement update = connection.prepareStatement(CLAIM + "id = ?")) {
				for (ClaimedWorkflow claim : claims) {
					int next = bindClaim(update, 1, this.values, nodeId, token, now, leaseUntil);
					update.setString(next, claim.workflowId());
					update.addBatch();
				}
				update.executeBatch();
			}
		}
		return claims;
	}

	private static Instant instant(ResultSet rows, int column) throws SQLException {
		return rows.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static int bindClaim(PreparedStatement statement, int index, SqlValues values, String nodeId, String token,
			Instant now, Instant leaseUntil) throws SQLException {
		statement.setString(index, nodeId);
		statement.setString(index + 1, token);
		statement.setObject(index + 2, values.timestamp(leaseUntil));
		statement.setObject(index + 3, values.timestamp(now));
		return index + 4;
	}

}
