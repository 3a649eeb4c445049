package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowNotFoundException;
import dev.durable.WorkflowStatus;
import dev.durable.engine.client.WorkflowRetrier;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code workflows} actuator endpoint: lists workflows and shows one with its journal;
 * signals, cancels ({@code DELETE}) and retries workflows.
 *
 * <p>Read-only unless the application grants more
 * ({@code management.endpoint.workflows.access=unrestricted}), as Spring Boot's endpoint access
 * model has it. Values (inputs, results, payloads, error messages) are shown as the
 * {@code show-values} setting says, like the {@code env} endpoint's; otherwise they read
 * {@value #HIDDEN}. Workflow ids may contain {@code /} (child workflows): the id is the rest of
 * the path.
 */
@Endpoint(id = "workflows", defaultAccess = Access.READ_ONLY)
public class WorkflowsEndpoint {

	/** What a value reads when it is not shown. */
	public static final String HIDDEN = "******";

	static final String HIDDEN_JSON = "\"" + HIDDEN + "\"";

	private static final int STATUS_CONFLICT = 409;

	private static final int THROUGHPUT_MINUTES = 60;

	private static final int OVERDUE_LISTED = 20;

	private static final JsonMapper PAYLOAD_READER = JsonMapper.builder().build();

	private final WorkflowQueries queries;

	private final WorkflowClient client;

	private final WorkflowRetrier retrier;

	private final Show showValues;

	private final Set<String> roles;

	private final Duration overdueAfter;

	private final Clock clock;

	/**
	 * Create the endpoint, counting workflows overdue 5 minutes past due, by the system clock.
	 * @param queries read access to workflows and journals
	 * @param client signals and cancels workflows
	 * @param retrier retries failed workflows
	 * @param showValues when values are shown
	 * @param roles the roles that may see values under {@link Show#WHEN_AUTHORIZED} (any
	 * authenticated user if empty)
	 */
	public WorkflowsEndpoint(WorkflowQueries queries, WorkflowClient client, WorkflowRetrier retrier, Show showValues,
			Set<String> roles) {
		this(queries, client, retrier, showValues, roles, Duration.ofMinutes(5), Clock.systemUTC());
	}

	/**
	 * Create the endpoint.
	 * @param queries read access to workflows and journals
	 * @param client signals and cancels workflows
	 * @param retrier retries failed workflows
	 * @param showValues when values are shown
	 * @param roles the roles that may see values under {@link Show#WHEN_AUTHORIZED} (any
	 * authenticated user if empty)
	 * @param overdueAfter how long past due a workflow that no worker took up counts as overdue
	 * @param clock the clock the overview reads the time by
	 */
	public WorkflowsEndpoint(WorkflowQueries queries, WorkflowClient client, WorkflowRetrier retrier, Show showValues,
			Set<String> roles, Duration overdueAfter, Clock clock) {
		this.queries = queries;
		this.client = client;
		this.retrier = retrier;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.overdueAfter = overdueAfter;
		this.clock = clock;
	}

	/**
	 * List workflows, newest first, a page at a time; or, with {@code view=overview}, the
	 * {@linkplain WorkflowOverview overview} of all workflows.
	 * @param status only workflows with this status (case-insensitive), or all
	 * @param type only workflows of this type, or all
	 * @param createdAfter only workflows created at or after this ISO-8601 instant
	 * @param createdBefore only workflows created before this ISO-8601 instant
	 * @param limit the most to list, 100 by default, at most 10,000
	 * @param idPrefix only workflows whose id starts with this text
	 * @param cursor the {@code next} of the previous page, to list the page after it
	 * @param view {@code overview} for the overview instead of a list
	 * @return the workflows ({@link WorkflowViews.WorkflowList}) or the overview
	 */
	@ReadOperation
	public Object workflows(@Nullable String status, @Nullable String type, @Nullable String createdAfter,
			@Nullable String createdBefore, @Nullable Integer limit, @Nullable String idPrefix,
			@Nullable String cursor, @Nullable String view) {
		if (view != null && !view.isBlank()) {
			if (!"overview".equalsIgnoreCase(view.trim())) {
				throw new InvalidEndpointRequestException("Unknown view '" + view + "'; use view=overview, or leave "
						+ "it out for the list", "Invalid view");
			}
			return overview();
		}
		return WorkflowListQuery.list(this.queries, status, type, createdAfter, createdBefore, limit, idPrefix, cursor);
	}

	/**
	 * Read the overview: counts, throughput over the last hour, overdue workflows and nodes.
	 * @return the overview
	 */
	public WorkflowOverview overview() {
		Instant now = this.clock.instant();
		Instant dueBefore = now.minus(this.overdueAfter);
		Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(THROUGHPUT_MINUTES - 1));
		return WorkflowOverview.of(now, this.queries.countByTypeAndStatus(),
				this.queries.throughput(from, THROUGHPUT_MINUTES), this.overdueAfter,
				this.queries.countOverdue(dueBefore), this.queries.overdue(dueBefore, OVERDUE_LISTED),
				this.queries.nodes());
	}

	/**
	 * Show one workflow with its journal.
	 * @param securityContext who asks, for the {@code show-values} decision
	 * @param path the workflow id, split at its {@code /}
	 * @return the workflow, or null (404) if unknown
	 */
	@ReadOperation
	public WorkflowViews.@Nullable WorkflowDetail workflow(SecurityContext securityContext,
			@Selector(match = Match.ALL_REMAINING) String... path) {
		String id = String.join("/", path);
		boolean shown = this.showValues.isShown(securityContext, this.roles);
		return this.queries.find(id)
			.map((workflow) -> WorkflowViews.WorkflowDetail.of(workflow, this.queries.published(id),
					this.queries.journal(id)
						.stream()
						.map((event) -> WorkflowViews.EventDescriptor.of(event, shown))
						.toList(),
					shown))
			.orElse(null);
	}

	/**
	 * Act on a workflow: {@code POST .../workflows/{id}/signal} with {@code name} and
	 * {@code payload} (the payload's JSON text), or {@code POST .../workflows/{id}/retry} to run a
	 * failed workflow again from where it stopped.
	 * @param path the workflow id, split at its {@code /}, then the action: {@code signal} or
	 * {@code retry}
	 * @param name the signal's name, for {@code signal}
	 * @param payload the signal's payload as JSON text ({@code "{\"approved\":true}"}), or none
	 * @return 200 with the workflow's status, 400 for a bad request, 404 for an unknown id, 409
	 * when the workflow's state does not allow the action
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector(match = Match.ALL_REMAINING) String[] path, @Nullable String name,
			@Nullable String payload) {
		if (path.length < 2) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "POST to .../workflows/{id}/signal or "
					+ ".../workflows/{id}/retry, or DELETE .../workflows/{id} to cancel");
		}
		String id = String.join("/", Arrays.copyOf(path, path.length - 1));
		String action = path[path.length - 1];
		switch (action.toLowerCase(Locale.ROOT)) {
			case "signal":
				return signal(id, name, payload);
			case "retry":
				return perform(id, "retry", this.retrier::retry);
			default:
				return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Unknown action '" + action + "' for workflow '"
						+ id + "'; POST to .../workflows/{id}/signal or .../workflows/{id}/retry, or DELETE "
						+ ".../workflows/{id} to cancel");
		}
	}

	/**
	 * Request cancellation of a workflow; cancelling a cancelled one does nothing.
	 * @param path the workflow id, split at its {@code /}
	 * @return 200 with the workflow's status, 404 for an unknown id, 409 if it completed or failed
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector(match = Match.ALL_REMAINING) String... path) {
		return perform(String.join("/", path), "cancel", this.client::cancel);
	}

	private WebEndpointResponse<Object> signal(String id, @Nullable String name, @Nullable String payload) {
		if (name == null || name.isBlank()) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Signal to workflow '" + id + "' has no name; "
					+ "send a JSON body such as {\"name\":\"approval\",\"payload\":\"{\\\"approved\\\":true}\"}");
		}
		JsonNode json;
		try {
			json = PAYLOAD_READER.readTree((payload != null) ? payload : "null");
		}
		catch (JacksonException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "The payload of signal '" + name + "' to workflow '"
					+ id + "' is not JSON text (" + ex.getOriginalMessage() + "); send the payload's JSON as a "
					+ "string, e.g. \"payload\":\"{\\\"approved\\\":true}\" or, for a text, \"payload\":\"\\\"yes\\\"\"");
		}
		return perform(id, "signal", (workflowId) -> this.client.signal(workflowId, name, json));
	}

	private WebEndpointResponse<Object> perform(String id, String action, Consumer<String> operation) {
		try {
			operation.accept(id);
		}
		catch (WorkflowNotFoundException ex) {
			return error(WebEndpointResponse.STATUS_NOT_FOUND,
					ex.getMessage() + "; list workflows with GET .../actuator/workflows");
		}
		catch (IllegalStateException ex) {
			return error(STATUS_CONFLICT, ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage());
		}
		WorkflowStatus status = this.queries.find(id).map(WorkflowRecord::status).orElse(null);
		return new WebEndpointResponse<>(new ActionResult(id, action, status));
	}

	private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
		return new WebEndpointResponse<>(new ActionError(status, String.valueOf(message)), status);
	}

	/**
	 * What a write operation did.
	 * @param id the workflow id
	 * @param action {@code signal}, {@code cancel} or {@code retry}
	 * @param status the workflow's status right after it
	 */
	public record ActionResult(String id, String action, @Nullable WorkflowStatus status) {
	}

	/**
	 * Why a write operation was refused.
	 * @param status the HTTP status
	 * @param message what is wrong and what to do
	 */
	public record ActionError(int status, String message) {
	}

}
