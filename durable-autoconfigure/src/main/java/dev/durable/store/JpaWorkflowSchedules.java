package dev.durable.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.durable.engine.journal.ScheduleRecord;
import dev.durable.engine.journal.WorkflowSchedules;
import org.jspecify.annotations.Nullable;

/**
 * Schedules in {@code durable_schedule}, in plain JDBC on the persistence unit's connection, so
 * that the workflows a firing starts are written in the firing's transaction. A firing locks its
 * row as claims lock workflows (skipping a row another node holds, where the database can), and
 * fires only a row still due once locked: a schedule fires once per fire time across all nodes.
 */
final class JpaWorkflowSchedules implements WorkflowSchedules {

	private static final String COLUMNS = "name, cron, zone, next_fire_at, last_fire_at, last_workflow_id, paused";

	private final StoreAccess access;

	private final SqlValues values;

	private final String lock;

	JpaWorkflowSchedules(StoreAccess access) {
		this.access = access;
		this.values = access.dialect().platform().sqlValues();
		this.lock = access.dialect().platform().claimLock();
	}

	@Override
	public void registerSchedule(String name, String cron, String zone, Instant nextFireAt, Instant now) {
		try {
			this.access.transactions()
				.executeWithoutResult((tx) -> this.access.jdbc((connection) -> register(connection, name, cron, zone,
						nextFireAt, now)));
		}
		catch (RuntimeException ex) {
			// Another node created the row first: that one stands.
			if (this.access.transactions().execute((tx) -> this.access.jdbc((connection) -> find(connection, name)))
					== null) {
				throw ex;
			}
		}
	}

	private @Nullable Void register(Connection connection, String name, String cron, String zone, Instant nextFireAt,
			Instant now) throws SQLException {
		ScheduleRecord existing = find(connection, name);
		if (existing == null) {
			try (PreparedStatement insert = connection.prepareStatement("insert into durable_schedule (" + COLUMNS
					+ ", updated_at) values (?, ?, ?, ?, null, null, false, ?)")) {
				insert.setString(1, name);
				insert.setString(2, cron);
				insert.setString(3, zone);
				insert.setObject(4, this.values.timestamp(nextFireAt));
				insert.setObject(5, this.values.timestamp(now));
				insert.executeUpdate();
			}
		}
		else if (!existing.cron().equals(cron) || !existing.zone().equals(zone)) {
			try (PreparedStatement update = connection.prepareStatement("update durable_schedule set cron = ?, "
					+ "zone = ?, next_fire_at = ?, updated_at = ? where name = ?")) {
				update.setString(1, cron);
				update.setString(2, zone);
				update.setObject(3, this.values.timestamp(nextFireAt));
				update.setObject(4, this.values.timestamp(now));
				update.setString(5, name);
				update.executeUpdate();
			}
		}
		return null;
	}

	@Override
	public boolean fireSchedule(String name, Instant now, UnaryOperator<ScheduleRecord> fire) {
		return Boolean.TRUE.equals(this.access.claimTransactions().execute((tx) -> {
			ScheduleRecord due = this.access.jdbc((connection) -> lockDue(connection, name, now));
			if (due == null) {
				return false;
			}
			ScheduleRecord fired = fire.apply(due);
			this.access.jdbc((connection) -> store(connection, fired, now));
			return true;
		}));
	}

	private @Nullable ScheduleRecord lockDue(Connection connection, String name, Instant now) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from durable_schedule "
				+ "where name = ? and paused = false and next_fire_at <= ?" + this.lock)) {
			select.setString(1, name);
			select.setObject(2, this.values.timestamp(now));
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? record(rows) : null;
			}
		}
	}

	private @Nullable Void store(Connection connection, ScheduleRecord fired, Instant now) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("update durable_schedule set next_fire_at = ?, "
				+ "last_fire_at = ?, last_workflow_id = ?, updated_at = ? where name = ?")) {
			update.setObject(1, this.values.timestamp(fired.nextFireAt()));
			update.setObject(2, (fired.lastFireAt() != null) ? this.values.timestamp(fired.lastFireAt()) : null);
			update.setString(3, fired.lastWorkflowId());
			update.setObject(4, this.values.timestamp(now));
			update.setString(5, fired.name());
			update.executeUpdate();
		}
		return null;
	}

	@Override
	public List<ScheduleRecord> schedules() {
		return this.access.readOnly().execute((tx) -> this.access.jdbc((connection) -> {
			List<ScheduleRecord> schedules = new ArrayList<>();
			try (PreparedStatement select = connection
				.prepareStatement("select " + COLUMNS + " from durable_schedule order by name");
					ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					schedules.add(record(rows));
				}
			}
			return schedules;
		}));
	}

	@Override
	public boolean pauseSchedule(String name, boolean paused, Instant nextFireAt, Instant now) {
		Integer updated = this.access.transactions().execute((tx) -> this.access.jdbc((connection) -> {
			try (PreparedStatement update = connection.prepareStatement("update durable_schedule set paused = ?, "
					+ "next_fire_at = case when paused = ? then next_fire_at else ? end, updated_at = ? where name = ?")) {
				update.setBoolean(1, paused);
				update.setBoolean(2, paused);
				update.setObject(3, this.values.timestamp(nextFireAt));
				update.setObject(4, this.values.timestamp(now));
				update.setString(5, name);
				return update.executeUpdate();
			}
		}));
		return updated != null && updated > 0;
	}

	private @Nullable ScheduleRecord find(Connection connection, String name) throws SQLException {
		try (PreparedStatement select = connection
			.prepareStatement("select " + COLUMNS + " from durable_schedule where name = ?")) {
			select.setString(1, name);
			try (ResultSet rows = select.executeQuery()) {
				return rows.next() ? record(rows) : null;
			}
		}
	}

	private ScheduleRecord record(ResultSet rows) throws SQLException {
		return new ScheduleRecord(rows.getString(1), rows.getString(2), rows.getString(3),
				this.values.requiredInstant(rows, 4), this.values.instant(rows, 5), rows.getString(6),
				rows.getBoolean(7));
	}

}
