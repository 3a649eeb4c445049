package dev.durable.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * How the journal's values cross JDBC: text that may be null, and instants, which each platform
 * binds its own way ({@link DatabasePlatform#sqlValues()}).
 */
abstract sealed class SqlValues {

	/**
	 * H2 and PostgreSQL: instants as UTC {@link OffsetDateTime}s, which their drivers map to a
	 * timestamp with time zone.
	 */
	static final SqlValues OFFSET_DATE_TIME = new OffsetDateTimes();

	/**
	 * MariaDB and MySQL: instants as the UTC wall-clock time in a {@code DATETIME(6)}, bound and read
	 * as {@link LocalDateTime}s so that neither the JVM's nor the session's time zone moves them.
	 * The driver converts an {@link OffsetDateTime} to the JVM's zone; Hibernate stores an
	 * {@link Instant} as UTC on these databases, and so do these statements.
	 */
	static final SqlValues UTC_DATE_TIME = new UtcDateTimes();

	/**
	 * Bind text that may be null, typed so that the driver need not guess.
	 */
	static void setText(PreparedStatement statement, int index, @Nullable String value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, value);
		}
	}

	/**
	 * An instant as the value bound for a timestamp column.
	 */
	abstract Object timestamp(Instant instant);

	/**
	 * Read a timestamp column that may be null.
	 */
	abstract @Nullable Instant instant(ResultSet row, int column) throws SQLException;

	/**
	 * Read a timestamp column that is never null.
	 */
	Instant requiredInstant(ResultSet row, int column) throws SQLException {
		Instant instant = instant(row, column);
		if (instant == null) {
			throw new SQLException("Column " + column + " holds no timestamp");
		}
		return instant;
	}

	private static final class OffsetDateTimes extends SqlValues {

		@Override
		Object timestamp(Instant instant) {
			return instant.atOffset(ZoneOffset.UTC);
		}

		@Override
		@Nullable Instant instant(ResultSet row, int column) throws SQLException {
			OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
			return (value != null) ? value.toInstant() : null;
		}

	}

	private static final class UtcDateTimes extends SqlValues {

		@Override
		Object timestamp(Instant instant) {
			return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		}

		@Override
		@Nullable Instant instant(ResultSet row, int column) throws SQLException {
			LocalDateTime value = row.getObject(column, LocalDateTime.class);
			return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
		}

	}

}
