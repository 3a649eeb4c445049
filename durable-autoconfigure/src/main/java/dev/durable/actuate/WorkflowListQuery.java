package dev.durable.actuate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowCursor;
import dev.durable.engine.journal.WorkflowFilter;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Reads the list's request parameters (filter, limit, cursor) and pages, so the endpoint only maps operations.
 */
final class WorkflowListQuery {

	private static final int DEFAULT_LIMIT = 100;

	private static final int MAX_LIMIT = 10_000;

	private WorkflowListQuery() {
	}

	static WorkflowViews.WorkflowList list(WorkflowQueries queries, @Nullable String status, @Nullable String type,
			@Nullable String createdAfter, @Nullable String createdBefore, @Nullable Integer limit,
			@Nullable String idPrefix, @Nullable String cursor) {
		int max = (limit != null) ? limit : DEFAULT_LIMIT;
		if (max < 1 || max > MAX_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be between 1 and " + MAX_LIMIT + ", was " + max,
					"Invalid limit");
		}
		WorkflowFilter filter;
		try {
			filter = new WorkflowFilter(parseStatus(status), (type != null && !type.isBlank()) ? type.trim() : null,
					parseInstant("createdAfter", createdAfter), parseInstant("createdBefore", createdBefore),
					(idPrefix != null) ? idPrefix.trim() : null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid time range");
		}
		List<WorkflowRecord> page = queries.page(filter, Cursors.parse(cursor), max);
		String next = (page.size() == max) ? Cursors.format(WorkflowCursor.after(page.get(page.size() - 1))) : null;
		return new WorkflowViews.WorkflowList(page.stream().map(WorkflowViews.WorkflowSummary::of).toList(), next);
	}

	private static @Nullable Instant parseInstant(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEndpointRequestException(parameter + " must be an ISO-8601 instant such as "
					+ "2026-01-31T12:00:00Z, was '" + value + "'", "Invalid " + parameter);
		}
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

}
