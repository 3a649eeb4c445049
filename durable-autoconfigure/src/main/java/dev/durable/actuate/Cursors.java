package dev.durable.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import dev.durable.engine.journal.WorkflowCursor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The list's page cursors as the endpoint hands them out: opaque URL-safe text, so that clients
 * pass them back as they are and the keyset behind them may change.
 */
final class Cursors {

	private Cursors() {
	}

	static String format(WorkflowCursor cursor) {
		String text = cursor.createdAt() + " " + cursor.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	static @Nullable WorkflowCursor parse(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
			int space = text.indexOf(' ');
			return new WorkflowCursor(Instant.parse(text.substring(0, space)), text.substring(space + 1));
		}
		catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException ex) {
			throw new InvalidEndpointRequestException("cursor '" + cursor + "' is not one this endpoint handed out; "
					+ "pass the 'next' of the previous page as it is, or leave it out for the first page",
					"Invalid cursor");
		}
	}

}
