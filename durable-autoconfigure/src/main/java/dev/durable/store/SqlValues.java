package dev.durable.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * How the journal's values cross JDBC: instants as UTC {@link OffsetDateTime}s, which every
 * supported driver maps to a timestamp with time zone, and text that may be null.
 */
final class SqlValues {

	private SqlValues() {
	}

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
	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * Read a timestamp column that may be null.
	 */
	static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
