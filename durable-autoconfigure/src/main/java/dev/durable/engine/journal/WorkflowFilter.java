package dev.durable.engine.journal;

import java.time.Instant;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * Which workflows to list; every criterion left null matches all.
 * @param status only workflows with this status
 * @param type only workflows of this type
 * @param createdAfter only workflows created at or after this instant
 * @param createdBefore only workflows created before this instant
 * @param idPrefix only workflows whose id starts with this text (taken literally: {@code %} and
 * {@code _} are no wildcards)
 */
public record WorkflowFilter(@Nullable WorkflowStatus status, @Nullable String type, @Nullable Instant createdAfter,
		@Nullable Instant createdBefore, @Nullable String idPrefix) {

	/** Every workflow. */
	public static final WorkflowFilter ALL = new WorkflowFilter(null, null, null, null, null);

	/**
	 * A filter without an id prefix.
	 * @param status only workflows with this status
	 * @param type only workflows of this type
	 * @param createdAfter only workflows created at or after this instant
	 * @param createdBefore only workflows created before this instant
	 */
	public WorkflowFilter(@Nullable WorkflowStatus status, @Nullable String type, @Nullable Instant createdAfter,
			@Nullable Instant createdBefore) {
		this(status, type, createdAfter, createdBefore, null);
	}

	/**
	 * Validate the filter.
	 */
	public WorkflowFilter {
		if (idPrefix != null && idPrefix.isEmpty()) {
			idPrefix = null;
		}
		if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
			throw new IllegalArgumentException(
					"createdAfter (" + createdAfter + ") must be before createdBefore (" + createdBefore + ")");
		}
	}

}
