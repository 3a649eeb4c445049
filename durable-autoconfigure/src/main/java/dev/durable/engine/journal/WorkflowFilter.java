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
 */
public record WorkflowFilter(@Nullable WorkflowStatus status, @Nullable String type, @Nullable Instant createdAfter,
		@Nullable Instant createdBefore) {

	/** Every workflow. */
	public static final WorkflowFilter ALL = new WorkflowFilter(null, null, null, null);

	/**
	 * Validate the filter.
	 */
	public WorkflowFilter {
		if (createdAfter != null && createdBefore != null && !createdAfter.isBefore(createdBefore)) {
			throw new IllegalArgumentException(
					"createdAfter (" + createdAfter + ") must be before createdBefore (" + createdBefore + ")");
		}
	}

}
