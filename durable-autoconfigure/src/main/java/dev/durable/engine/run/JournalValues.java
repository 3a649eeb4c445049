package dev.durable.engine.run;

import java.time.Instant;

/**
 * Writes the engine's own values (timer instants, child ids) into journal outputs as JSON
 * strings, like every other output, and reads them back.
 */
final class JournalValues {

	private JournalValues() {
	}

	static String text(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static String text(Instant value) {
		return text(value.toString());
	}

	/**
	 * Read a value written by {@link #text(String)}; a bare value is taken as it is.
	 */
	static String readText(String json) {
		if (json.length() >= 2 && json.startsWith("\"") && json.endsWith("\"")) {
			return json.substring(1, json.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return json;
	}

	static Instant readInstant(String json) {
		return Instant.parse(readText(json));
	}

}
