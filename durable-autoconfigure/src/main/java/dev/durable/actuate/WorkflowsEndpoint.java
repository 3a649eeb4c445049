package dev.durable.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.durable.WorkflowStatus;
import dev.durable.engine.JournalEvent;
import dev.durable.engine.WorkflowQueries;
import dev.durable.engine.WorkflowRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code workflows} actuator endpoint: lists workflows and shows one with its journal.
 */
@Endpoint(id = "workflows")
public class WorkflowsEndpoint {

	private static final int DEFAULT_LIMIT = 100;

	private static final int MAX_LIMIT = 10_000;

	private final WorkflowQueries queries;

	/**
	 * Create the endpoint.
	 * @param queries read access to workflows and journals
	 */
	public WorkflowsEndpoint(WorkflowQueries queries) {
		this.queries = queries;
	}

	/**
	 * List workflows, newest first.
	 * @param status only workflows with this status (case-insensitive), or all
	 * @param limit the most to list, 100 by default
	 * @return the workflows
	 */
	@ReadOperation
	public WorkflowList workflows(@Nullable String status, @Nullable Integer limit) {
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (max < 1 || max > MAX_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be between 1 and " + MAX_LIMIT + ", was " + max,
					"Invalid limit");
		}
		List<WorkflowSummary> workflows = this.queries.recent(parseStatus(status), max)
			.stream()
			.map(WorkflowSummary::of)
			.toList();
		return new WorkflowList(workflows);
	}

	/**
	 * Show one workflow with its journal.
	 * @param id the workflow id
	 * @return the workflow, or null (404) if unknown
	 */
	@ReadOperation
	public @Nullable WorkflowDetail workflow(@Selector String id) {
		return this.queries.find(id)
			.map((workflow) -> WorkflowDetail.of(workflow,
					this.queries.journal(id).stream().map(EventDescriptor::of).toList()))
			.orElse(null);
	}

	private static @Nullable WorkflowStatus parseStatus(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return WorkflowStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Unknown status '" + status + "'; use one of "
					+ List.of(WorkflowStatus.values()), "Invalid status");
		}
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
	 * @param events the journal in order
	 */
	public record WorkflowDetail(String id, String type, WorkflowStatus status, @JsonRawValue String input,
			@JsonRawValue @Nullable String result, @Nullable String error, @Nullable String owner, Instant createdAt,
			Instant updatedAt, List<EventDescriptor> events) {

		static WorkflowDetail of(WorkflowRecord workflow, List<EventDescriptor> events) {
			return new WorkflowDetail(workflow.id(), workflow.type(), workflow.status(), workflow.input(),
					workflow.result(), formatError(workflow.errorType(), workflow.error()), workflow.owner(),
					workflow.createdAt(), workflow.updatedAt(), events);
		}

	}

	/**
	 * One journal event.
	 * @param seq its position in the journal
	 * @param type the event kind, e.g. {@code ACTIVITY_COMPLETED}
	 * @param name the activity, timer or value name, or the workflow type
	 * @param attempt the attempt number of activity events, else 0
	 * @param input the arguments as JSON, if any
	 * @param output the result as JSON, if any
	 * @param error the error ({@code type: message}), if any
	 * @param timestamp when it was recorded
	 */
	public record EventDescriptor(long seq, String type, String name, int attempt, @JsonRawValue @Nullable String input,
			@JsonRawValue @Nullable String output, @Nullable String error, Instant timestamp) {

		static EventDescriptor of(JournalEvent event) {
			return new EventDescriptor(event.seq(), event.kind().name(), event.name(), event.attempt(), event.input(),
					event.output(), formatError(event.errorType(), event.error()), event.timestamp());
		}

	}

	private static @Nullable String formatError(@Nullable String type, @Nullable String message) {
		if (type == null && message == null) {
			return null;
		}
		return (type != null) ? type + ": " + message : message;
	}

}
