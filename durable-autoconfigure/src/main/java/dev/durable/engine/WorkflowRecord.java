package dev.durable.engine;

import java.time.Instant;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * A workflow's row as the store holds it.
 * @param id the workflow id
 * @param type the workflow type name
 * @param status the current status
 * @param input the JSON array of the entry point's arguments
 * @param result the JSON result once completed
 * @param errorType the class name of the error that ended it, if any
 * @param error the error message, if any
 * @param owner the node running it, while running
 * @param dueAt when a worker should (re)claim it: start, wake-up or lease expiry; null when ended
 * @param parentId the workflow that started this one as a child, if any
 * @param cancelRequested whether cancellation was requested
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record WorkflowRecord(String id, String type, WorkflowStatus status, String input, @Nullable String result,
		@Nullable String errorType, @Nullable String error, @Nullable String owner, @Nullable Instant dueAt,
		@Nullable String parentId, boolean cancelRequested, Instant createdAt, Instant updatedAt) {
}
