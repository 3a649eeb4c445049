package dev.durable.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.durable.WorkflowStatus;
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
	 */
	public record WorkflowList(List<WorkflowSummary> workflows) {
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
	 */
	public record WorkflowDetail(String id, String type, WorkflowStatus status, @JsonRawValue String input,
			@JsonRawValue @Nullable String result, @Nullable String error, @Nullable String owner, Instant createdAt,
			Instant updatedAt, @JsonRawValue String published, List<EventDescriptor> events) {

		static WorkflowDetail of(WorkflowRecord workflow, Map<String, String> published, List<EventDescriptor> events,
				boolean shown) {
			return new WorkflowDetail(workflow.id(), workflow.type(), workflow.status(), json(workflow.input(), shown),
					json(workflow.result(), shown), formatError(workflow.errorType(), workflow.error(), shown),
					workflow.owner(), workflow.createdAt(), workflow.updatedAt(), published(published, shown), events);
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
	 * @param timestamp when it was recorded
	 */
	public record EventDescriptor(long seq, int step, String type, String name, int attempt, @JsonRawValue @Nullable String input,
			@JsonRawValue @Nullable String output, @Nullable String error, Instant timestamp) {

		static EventDescriptor of(JournalEvent event, boolean shown) {
			return new EventDescriptor(event.seq(), event.step(), event.kind().name(), event.name(), event.attempt(),
					json(event.input(), shown), json(event.output(), shown),
					formatError(event.errorType(), event.error(), shown), event.timestamp());
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
