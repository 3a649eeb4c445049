package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of workflows, newest first, ended: the next page lists the workflows created
 * before this one, or at the same instant with a smaller id (keyset paging, so a page costs the
 * same however deep it is).
 * @param createdAt when the last listed workflow was created
 * @param id the last listed workflow's id
 */
public record WorkflowCursor(Instant createdAt, String id) {

	/**
	 * Validate the cursor.
	 */
	public WorkflowCursor {
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(id, "id");
	}

	/**
	 * The cursor just past a workflow.
	 * @param workflow the last workflow of a page
	 * @return the cursor
	 */
	public static WorkflowCursor after(WorkflowRecord workflow) {
		return new WorkflowCursor(workflow.createdAt(), workflow.id());
	}

}
