package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.QueueCount;
import dev.durable.engine.journal.QueueLimits;

/**
 * The claim of a queue's workflows in plain JDBC, in one transaction: lock the queue's row (so
 * that claims of one queue, on any node, follow one another and each sees the last one's
 * begins), read its ready workflows best first, count the places taken and the recent begins, and
 * claim as many as there is room for. Statements run the same on every platform but for the lock
 * clause; each is served by an index on {@code queue_name}.
 */
final class QueueStatements {

	// Another node claiming this queue holds the row: skip it (where the platform can), that
	// claim sees the same work and our next poll comes soon.
	private static final String LOCK = "select name from durable_queue where name = ?";

	private static final String EXISTS = "select count(*) from durable_queue where name = ?";

	private static final String INSERT = "insert into durable_queue (name) values (?)";

	private static final String READY = "select id, ready_at, run_attempts from durable_workflow "
			+ "where queue_name = ? and ready_at <= ? and status = 'PENDING' order by priority desc, ready_at, id limit ?";

	// A place is held from the first claim (ready_at cleared) to the end, waits included; on a
	// node while the node holds the claim (a short wait parks the workflow and keeps its owner).
	private static final String PLACES = "select count(*), coalesce(sum(case when owner = ? "
			+ "then 1 else 0 end), 0) from durable_workflow "
			+ "where queue_name = ? and ready_at is null and status in ('PENDING', 'RUNNING', 'WAITING')";

	// Begins in [now - period, now]: a begin exactly one period ago still counts, so that no
	// window of that length, open or closed, holds more than the limit.
	private static final String BEGUN = "select count(*) from durable_workflow where queue_name = ? and begun_at >= ?";

	private static final String CLAIM = "update durable_workflow set status = 'RUNNING', owner = ?, run_token = ?, "
			+ "waiting_for = null, due_at = ?, updated_at = ?, run_attempts = run_attempts + 1, ready_at = null, "
			+ "begun_at = ? where id = ? and status = 'PENDING'";

	private static final String DEPTHS = "select queue_name, count(*) from durable_workflow "
			+ "where ready_at is not null and status = 'PENDING' group by queue_name";

	private static final String RUNNING = "select queue_name, count(*) from durable_workflow where queue_name is not null "
			+ "and ready_at is null and status in ('PENDING', 'RUNNING', 'WAITING') group by queue_name";

	private final DatabasePlatform platform;

	private final SqlValues values;

	QueueStatements(DatabasePlatform platform) {
		this.platform = platform;
		this.values = platform.sqlValues();
	}

	/**
	 * Create a queue's row if it has none.
	 * @return whether this call created it
	 */
	boolean ensureQueue(Connection connection, String name) throws SQLException {
		try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
			exists.setString(1, name);
			try (ResultSet rows = exists.executeQuery()) {
				rows.next();
				if (rows.getLong(1) > 0) {
					return false;
				}
			}
		}
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			insert.setString(1, name);
			insert.executeUpdate();
		}
		return true;
	}

	/**
	 * Claim up to {@code limit} of a queue's ready workflows, as many as its limits leave room
	 * for, in the caller's transaction.
	 * @return the claims, each with the time it had become ready
	 */
	List<ClaimedWorkflow> claim(Connection connection, QueueLimits queue, String nodeId, String token, Instant now,
			Instant leaseUntil, int limit) throws SQLException {
		if (!lock(connection, queue.name())) {
			return List.of();
		}
		List<ClaimedWorkflow> ready = ready(connection, queue.name(), token, now, limit);
		if (ready.isEmpty()) {
			return ready;
		}
		int room = room(connection, queue, nodeId, now);
		List<ClaimedWorkflow> claims = ready.subList(0, Math.min(room, ready.size()));
		if (!claims.isEmpty()) {
			try (PreparedStatement update = connection.prepareStatement(CLAIM)) {
				for (ClaimedWorkflow claim : claims) {
					update.setString(1, nodeId);
					update.setString(2, token);
					update.setObject(3, this.values.timestamp(leaseUntil));
					update.setObject(4, this.values.timestamp(now));
					update.setObject(5, this.values.timestamp(now));
					update.setString(6, claim.workflowId());
					update.addBatch();
				}
				update.executeBatch();
			}
		}
		return List.copyOf(claims);
	}

	private boolean lock(Connection connection, String name) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(LOCK + this.platform.claimLock())) {
			lock.setString(1, name);
			try (ResultSet rows = lock.executeQuery()) {
				return rows.next();
			}
		}
	}

	private List<ClaimedWorkflow> ready(Connection connection, String name, String token, Instant now, int limit)
			throws SQLException {
		List<ClaimedWorkflow> ready = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(READY + this.platform.claimLock())) {
			select.setString(1, name);
			select.setObject(2, this.values.timestamp(now));
			select.setInt(3, limit);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					ready.add(new ClaimedWorkflow(rows.getString(1), token, this.values.requiredInstant(rows, 2),
							rows.getInt(3) + 1));
				}
			}
		}
		return ready;
	}

	private int room(Connection connection, QueueLimits queue, String nodeId, Instant now) throws SQLException {
		long running;
		long runningOnNode;
		try (PreparedStatement places = connection.prepareStatement(PLACES)) {
			places.setString(1, nodeId);
			places.setString(2, queue.name());
			try (ResultSet rows = places.executeQuery()) {
				rows.next();
				running = rows.getLong(1);
				runningOnNode = rows.getLong(2);
			}
		}
		long begun = 0;
		Duration period = queue.ratePeriod();
		if (period != null) {
			try (PreparedStatement recent = connection.prepareStatement(BEGUN)) {
				recent.setString(1, queue.name());
				recent.setObject(2, this.values.timestamp(now.minus(period)));
				try (ResultSet rows = recent.executeQuery()) {
					rows.next();
					begun = rows.getLong(1);
				}
			}
		}
		return queue.room(running, runningOnNode, begun);
	}

	/**
	 * Count each queue's workflows waiting to begin and holding a place.
	 * @return the counts, by queue
	 */
	List<QueueCount> count(Connection connection) throws SQLException {
		Map<String, long[]> counts = new LinkedHashMap<>();
		for (int column = 0; column < 2; column++) {
			try (PreparedStatement select = connection.prepareStatement((column == 0) ? DEPTHS : RUNNING);
					ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					counts.computeIfAbsent(rows.getString(1), (name) -> new long[2])[column] = rows.getLong(2);
				}
			}
		}
		List<QueueCount> result = new ArrayList<>();
		counts.forEach((name, count) -> result.add(new QueueCount(name, count[0], count[1])));
		return result;
	}

}
