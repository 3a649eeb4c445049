package dev.durable.engine;

import java.util.List;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * Read-only access to workflows and their journals, for operations tooling such as the
 * actuator endpoint.
 */
public interface WorkflowQueries {

	/**
	 * Find a workflow.
	 * @param id the workflow id
	 * @return the workflow, or empty
	 */
	Optional<WorkflowRecord> find(String id);

	/**
	 * Load a workflow's journal in order.
	 * @param id the workflow id
	 * @return the events, ordered by seq
	 */
	List<JournalEvent> journal(String id);

	/**
	 * List workflows, newest first.
	 * @param status only workflows with this status, or null for all
	 * @param limit the most to return
	 * @return the workflows
	 */
	List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit);

}
