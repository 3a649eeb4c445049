package dev.durable.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads workflows as the actuator exports them ({@code GET /actuator/workflows/{id}}) back into
 * a workflow row and its journal.
 */
final class ExportedJournals {

	/** How the endpoint joins an error's class and message: "type: message". */
	private static final Pattern ERROR = Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*): (.*)",
			Pattern.DOTALL);

	private final JsonMapper json = JsonMapper.builder().build();

	List<LoadedWorkflow> read(Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read exported journal " + file, ex);
		}
		return read(text, file.toString());
	}

	List<LoadedWorkflow> read(String text, String source) {
		JsonNode root;
		try {
			root = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(source + " is not JSON (" + ex.getOriginalMessage()
					+ "); export a workflow with GET /actuator/workflows/{id}", ex);
		}
		List<LoadedWorkflow> workflows = new ArrayList<>();
		if (root.isArray()) {
			for (JsonNode workflow : root) {
				workflows.add(workflow(workflow, source));
			}
		}
		else {
			workflows.add(workflow(root, source));
		}
		return workflows;
	}

	private LoadedWorkflow workflow(JsonNode node, String source) {
		String id = text(node, "id", source);
		String where = source + " (workflow '" + id + "')";
		JsonNode events = node.get("events");
		if (events == null || !events.isArray()) {
			throw new IllegalArgumentException(where + " has no \"events\" array; export the workflow's detail "
					+ "(GET /actuator/workflows/{id}), not the list");
		}
		if ("\"******\"".equals(raw(node.get("input"), "[]"))) {
			throw new IllegalArgumentException(where + " was exported with its values hidden (\"******\"), so it "
					+ "cannot be replayed; export it from an application with "
					+ "management.endpoint.workflows.show-values=always (or when-authorized, as an authorized user)");
		}
		String[] error = error(optionalText(node, "error"));
		Instant createdAt = Instant.parse(text(node, "createdAt", where));
		WorkflowRecord workflow = WorkflowRecord
			.builder(id, text(node, "type", where),
					WorkflowStatus.valueOf(text(node, "status", where).toUpperCase(Locale.ROOT)), raw(node.get("input"), "[]"),
					createdAt)
			.result(raw(node.get("result"), null))
			.error(error[0], error[1])
			.updatedAt((node.hasNonNull("updatedAt")) ? Instant.parse(node.get("updatedAt").asString()) : createdAt)
			.build();
		return new LoadedWorkflow(workflow, journal(events, where));
	}

	private List<JournalEvent> journal(JsonNode events, String where) {
		List<JournalEvent> journal = new ArrayList<>();
		StepInference steps = new StepInference();
		for (JsonNode event : events) {
			EventKind kind;
			String type = text(event, "type", where);
			try {
				kind = EventKind.valueOf(type);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + " has an event of unknown type '" + type
						+ "'; it was exported by another version of Durable");
			}
			String name = text(event, "name", where);
			// Exports carry each event's step; older ones did not, and the step is inferred.
			int step = event.hasNonNull("step") ? event.get("step").asInt() : steps.stepOf(kind, name);
			String[] error = error(optionalText(event, "error"));
			journal.add(new JournalEvent(event.get("seq").asLong(), step, kind, name,
					event.hasNonNull("attempt") ? event.get("attempt").asInt() : 0, raw(event.get("input"), null),
					raw(event.get("output"), null), error[0], error[1], Instant.parse(text(event, "timestamp", where))));
		}
		return journal;
	}

	private @Nullable String raw(@Nullable JsonNode node, @Nullable String absent) {
		if (node == null || node.isMissingNode()) {
			return absent;
		}
		if (node.isNull()) {
			return (absent != null) ? absent : null;
		}
		return this.json.writeValueAsString(node);
	}

	private static String[] error(@Nullable String error) {
		if (error == null) {
			return new String[] { null, null };
		}
		var matcher = ERROR.matcher(error);
		return matcher.matches() ? new String[] { matcher.group(1), matcher.group(2) } : new String[] { null, error };
	}

	private static String text(JsonNode node, String field, String where) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException(where + " has no \"" + field
					+ "\"; export the workflow's detail with GET /actuator/workflows/{id}");
		}
		return value.asString();
	}

	private static @Nullable String optionalText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/**
	 * Assigns steps to the events of an export that lacks them, the way the engine writes them:
	 * each durable call's events are contiguous, and a call begins with its first event.
	 */
	private static final class StepInference {

		private int step;

		private @Nullable EventKind lastKind;

		private @Nullable String lastName;

		int stepOf(EventKind kind, String name) {
			if (!kind.isStep()) {
				return 0;
			}
			if (this.step == 0 || !continuesStep(kind, name)) {
				this.step++;
			}
			this.lastKind = kind;
			this.lastName = name;
			return this.step;
		}

		private boolean continuesStep(EventKind kind, String name) {
			EventKind last = this.lastKind;
			switch (kind) {
				case ACTIVITY_ATTEMPT_FAILED:
				case ACTIVITY_COMPLETED:
				case ACTIVITY_FAILED:
					return last == EventKind.ACTIVITY_ATTEMPT_FAILED && name.equals(this.lastName);
				case SIGNAL_RECEIVED:
				case SIGNAL_TIMED_OUT:
					return last == EventKind.SIGNAL_WAIT_STARTED;
				case CHILD_COMPLETED:
				case CHILD_FAILED:
					return last == EventKind.CHILD_STARTED;
				case CANCELLATION_DELIVERED:
					// Delivered at a wait that had begun, or else before the next call began.
					return last == EventKind.ACTIVITY_ATTEMPT_FAILED || last == EventKind.SIGNAL_WAIT_STARTED
							|| last == EventKind.CHILD_STARTED;
				default:
					return false;
			}
		}

	}

}
