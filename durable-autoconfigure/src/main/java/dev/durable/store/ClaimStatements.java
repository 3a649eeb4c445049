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

import dev.durable.engine.ClaimedWorkflow;

/**
 * Claims due workflows for a node in plain JDBC: one statement on PostgreSQL, where concurrent
 * claimers skip each other's rows; a locking select and a batched update elsewhere.
 */
final class ClaimStatements {

	private static final String SELECT_DUE = "select id, due_at from durable_workflow where due_at <= ? "
			+ "order by due_at limit ? for update";

	private static final String CLAIM = "update durable_workflow set status = 'RUNNING', owner = ?, run_token = ?, "
			+ "waiting_for = null, due_at = ?, updated_at = ? where ";

	private final boolean postgresql;

	ClaimStatements(boolean postgresql) {
		this.postgresql = postgresql;
	}

	/**
	 * Whether a claim is one statement, which needs no transaction around it.
	 */
	boolean isOneStatement() {
		return this.postgresql;
	}

	/**
	 * Claim up to {@code limit} due workflows under a token.
	 * @return the claims, with the time each had become due
	 */
	List<ClaimedWorkflow> claim(Connection connection, String nodeId, String token, Instant now, Instant leaseUntil, int limit)
			throws SQLException {
		List<ClaimedWorkflow> claims = new ArrayList<>();
		if (this.postgresql) {
			String sql = "update durable_workflow w set status = 'RUNNING', owner = ?, run_token = ?, "
					+ "waiting_for = null, due_at = ?, updated_at = ? from (" + SELECT_DUE + " skip locked) due "
					+ "where w.id = due.id returning w.id, due.due_at";
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				int next = bindClaim(statement, nodeId, token, now, leaseUntil);
				statement.setObject(next, now.atOffset(ZoneOffset.UTC));
				statement.setInt(next + 1, limit);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						claims.add(new ClaimedWorkflow(rows.getString(1), token, dueAt(rows)));
					}
				}
			}
			return claims;
		}
		try (PreparedStatement select = connection.prepareStatement(SELECT_DUE)) {
			select.setObject(1, now.atOffset(ZoneOffset.UTC));
			select.setInt(2, limit);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					claims.add(new ClaimedWorkflow(rows.getString(1), token, dueAt(rows)));
				}
			}
		}
		if (!claims.isEmpty()) {
			try (PreparedStatement update = connection.prepareStatement(CLAIM + "id = ?")) {
				for (ClaimedWorkflow claim : claims) {
					int next = bindClaim(update, nodeId, token, now, leaseUntil);
					update.setString(next, claim.workflowId());
					update.addBatch();
				}
				update.executeBatch();
			}
		}
		return claims;
	}

	private static Instant dueAt(ResultSet rows) throws SQLException {
		return rows.getObject(2, OffsetDateTime.class).toInstant();
	}

	private static int bindClaim(PreparedStatement statement, String nodeId, String token, Instant now,
			Instant leaseUntil) throws SQLException {
		statement.setString(1, nodeId);
		statement.setString(2, token);
		statement.setObject(3, leaseUntil.atOffset(ZoneOffset.UTC));
		statement.setObject(4, now.atOffset(ZoneOffset.UTC));
		return 5;
	}

}
