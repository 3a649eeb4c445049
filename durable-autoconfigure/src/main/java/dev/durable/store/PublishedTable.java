package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.durable.engine.journal.JournalEvent;

/**
 * The one writer and reader of {@code durable_published}: the latest value of each key a workflow
 * published with {@code Workflow.setEvent}, one row per workflow and key, so that a reader finds
 * a value with one lookup of the primary key. The journal keeps every value published; this table
 * only the latest. Rows go with their workflow (the foreign key cascades), retention included. On
 * PostgreSQL the write also notifies the other nodes' readers ({@link PostgresPublishedNotifications}).
 */
final class PublishedTable {

	private static final String H2_UPSERT = "merge into durable_published (workflow_id, event_key, event_value, seq, "
			+ "published_at) key (workflow_id, event_key) values (?, ?, ?, ?, ?)";

	private static final String POSTGRESQL_UPSERT = "insert into durable_published (workflow_id, event_key, event_value, "
			+ "seq, published_at) values (?, ?, ?, ?, ?) on conflict (workflow_id, event_key) do update set "
			+ "event_value = excluded.event_value, seq = excluded.seq, published_at = excluded.published_at";

	private static final String MARIADB_UPSERT = "insert into durable_published (workflow_id, event_key, event_value, "
			+ "seq, published_at) values (?, ?, ?, ?, ?) on duplicate key update event_value = values(event_value), "
			+ "seq = values(seq), published_at = values(published_at)";

	private static final String SELECT_ONE = "select event_value from durable_published where workflow_id = ? "
			+ "and event_key = ?";

	private static final String SELECT_ALL = "select event_key, event_value from durable_published where workflow_id = ? "
			+ "order by event_key";

	private PublishedTable() {
	}

	/**
	 * Make a published event's value the latest of its key, in the connection's current transaction.
	 */
	static void upsert(Connection connection, DatabasePlatform platform, String workflowId, JournalEvent event)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(upsertStatement(platform))) {
			statement.setString(1, workflowId);
			statement.setString(2, event.name());
			statement.setString(3, event.output());
			statement.setLong(4, event.seq());
			statement.setObject(5, platform.sqlValues().timestamp(event.timestamp()));
			statement.executeUpdate();
		}
		if (platform == DatabasePlatform.POSTGRESQL) {
			PostgresPublishedNotifications.notify(connection, workflowId, event.name());
		}
	}

	static Optional<String> value(Connection connection, String workflowId, String key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(SELECT_ONE)) {
			statement.setString(1, workflowId);
			statement.setString(2, key);
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
			}
		}
	}

	static Map<String, String> values(Connection connection, String workflowId) throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(SELECT_ALL)) {
			statement.setString(1, workflowId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		return values;
	}

	private static String upsertStatement(DatabasePlatform platform) {
		switch (platform) {
			case H2:
				return H2_UPSERT;
			case POSTGRESQL:
				return POSTGRESQL_UPSERT;
			case MARIADB:
				return MARIADB_UPSERT;
			default:
				throw new IllegalStateException("No statement to publish events on " + platform);
		}
	}

}
