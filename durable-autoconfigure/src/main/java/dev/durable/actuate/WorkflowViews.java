package dev.durable.actuate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the {@code workflows} endpoint answers: a list of workflows, one workflow with its journal,
 * each with its values shown or hidden as the endpoint's {@code show-values} decided.
 */
public final class WorkflowViews {

	private static final JsonMapper KEY_WRITER = JsonMapper.builder().build();

	private WorkflowViews() {
	}

	/**
	 * The list response.
	 * @param workflows the workflows, newest first
	 * @param next the cursor of the next page (pass it as {@code cursor}), or null on the last page
	 */
	public record WorkflowList(List<WorkflowSummary> workflows, @Nullable String next) {
	}

	/**
	 * One workflow in the list.
	 * @param id the id
	 * @param type the workflow type
	 * @param status the status
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 */
	public record WorkflowSummary(String id, String type, WorkflowStatus status, Instant createdAt,
			Instant updatedAt) {

		static WorkflowSummary of(WorkflowRecord workflow) {
			return new WorkflowSummary(workflow.id(), workflow.type(), workflow.status(), workflow.createdAt(),
					workflow.updatedAt());
		}

	}

	/**
	 * One workflow with its journal.
	 * @param id the id
	 * @param type the workflow type
	 * @param status the status
	 * @param input the entry point's arguments as a JSON array
	 * @param result the result as JSON, once completed
	 * @param error the error that ended it ({@code type: message}), if any
	 * @param owner the node running it now, if any
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 * @param published the latest value of each key the workflow published ({@code Workflow.setEvent}),
	 * as a JSON object, values shown or hidden like the input and result
	 * @param events the journal in order
	 * @param parentId the workflow that started this one as a child, if any
	 * @param dueAt when a worker is to take it up next (start, wake-up, next attempt, or the end of
	 * a running workflow's lease); null once ended
	 * @param cancelRequested whether its cancellation was requested
	 */
	public record WorkflowDetail(String id, String type, WorkflowStatus status, @JsonRawValue String input,
			@JsonRawValue @Nullable String result, @Nullable String error, @Nullable String owner, Instant createdAt,
			Instant updatedAt, @JsonRawValue String published, List<EventDescriptor> events, @Nullable String parentId,
			@Nullable Instant dueAt, boolean cancelRequested) {

		static WorkflowDetail of(WorkflowRecord workflow, Map<String, String> published, List<EventDescriptor> events,
				boolean shown) {
			return new WorkflowDetail(workflow.id(), workflow.type(), workflow.status(), json(workflow.input(), shown),
					json(workflow.result(), shown), formatError(workflow.errorType(), workflow.error(), shown),
					workflow.owner(), workflow.createdAt(), workflow.updatedAt(), published(published, shown), events,
					workflow.parentId(), workflow.dueAt(), workflow.cancelRequested());
		}

		private static String published(Map<String, String> values, boolean shown) {
			StringJoiner object = new StringJoiner(",", "{", "}");
			values.forEach((key, value) -> object.add(KEY_WRITER.writeValueAsString(key) + ":" + json(value, shown)));
			return object.toString();
		}

	}

	/**
	 * One journal event.
	 * @param seq its position in the journal
	 * @param step the durable call it belongs to, from 1, or 0 for the workflow's start and end
	 * (lets a replay check of an exported journal group the events exactly as the engine does)
	 * @param type the event kind, e.g. {@code ACTIVITY_COMPLETED}
	 * @param name the activity, timer or value name, or the workflow type
	 * @param attempt the attempt number of activity events, else 0
	 * @param input the arguments as JSON, if any
	 * @param output the result as JSON, if any
	 * @param error the error ({@code type: message}), if any
	 * @param timestamp when it was recorded (for a step's outcome, when it ended)
	 * @param startedAt when what it records began: the attempt of an activity event, the child
	 * workflow of a child event; null for events of a moment and for events recorded before 0.2
	 * @param until when the wait this event began ends: a timer's firing, a signal wait's deadline,
	 * the next attempt after a failed one; shown whatever {@code show-values} says, since the engine
	 * and not the application chose it
	 */
	public record EventDescriptor(long seq, int step, String type, String name, int attempt, @JsonRawValue @Nullable String input,
			@JsonRawValue @Nullable String output, @Nullable String error, Instant timestamp, @Nullable Instant startedAt,
			@Nullable Instant until) {

		private static final Set<EventKind> WAITS = EnumSet.of(EventKind.TIMER_STARTED,
				EventKind.SIGNAL_WAIT_STARTED, EventKind.ACTIVITY_ATTEMPT_FAILED);

		static EventDescriptor of(JournalEvent event, boolean shown) {
			return new EventDescriptor(event.seq(), event.step(), event.kind().name(), event.name(), event.attempt(),
					json(event.input(), shown), json(event.output(), shown),
					formatError(event.errorType(), event.error(), shown), event.timestamp(), event.startedAt(),
					until(event));
		}

		private static @Nullable Instant until(JournalEvent event) {
			String output = event.output();
			if (!WAITS.contains(event.kind()) || output == null || output.length() < 2 || output.charAt(0) != '"') {
				return null;
			}
			try {
				return Instant.parse(output.substring(1, output.length() - 1));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

	}

	static @Nullable String json(@Nullable String value, boolean shown) {
		return (value == null || shown) ? value : WorkflowsEndpoint.HIDDEN_JSON;
	}

	static @Nullable String formatError(@Nullable String type, @Nullable String message, boolean shown) {
		if (type == null && message == null) {
			return null;
		}
		String text = shown ? message : WorkflowsEndpoint.HIDDEN;
		return (type != null) ? type + ": " + text : text;
	}

}
