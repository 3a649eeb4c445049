package dev.durable.engine.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
	 * Read the status of a workflow, cheaply.
	 * @param id the workflow id
	 * @return its status, or empty if unknown
	 */
	Optional<WorkflowStatus> status(String id);

	/**
	 * Load a workflow's journal in order.
	 * @param id the workflow id
	 * @return the events, ordered by seq
	 */
	List<JournalEvent> journal(String id);

	/**
	 * Read the latest value a workflow published under a key, with one lookup by its key.
	 * @param id the workflow id
	 * @param key the key
	 * @return the value's JSON, or empty if the key is not set (or the workflow unknown)
	 */
	Optional<String> published(String id, String key);

	/**
	 * Read the latest value of every key a workflow published.
	 * @param id the workflow id
	 * @return the values' JSON by key, in key order; empty if none
	 */
	Map<String, String> published(String id);

	/**
	 * List workflows, newest first.
	 * @param status only workflows with this status, or null for all
	 * @param limit the most to return
	 * @return the workflows
	 */
	List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit);

	/**
	 * List the workflows a filter matches, newest first.
	 * @param filter which workflows
	 * @param limit the most to return
	 * @return the workflows
	 */
	List<WorkflowRecord> list(WorkflowFilter filter, int limit);

	/**
	 * List one page of the workflows a filter matches, newest first (by creation time, then id).
	 * @param filter which workflows
	 * @param after the previous page's cursor, or null for the first page
	 * @param limit the most to return
	 * @return the workflows
	 */
	List<WorkflowRecord> page(WorkflowFilter filter, @Nullable WorkflowCursor after, int limit);

	/**
	 * Count workflows by type and status, in one grouped query.
	 * @return the count of each type and status that has workflows
	 */
	List<WorkflowCount> countByTypeAndStatus();

	/**
	 * Count the workflows started and ended in each minute from an instant on, in one query.
	 * @param from the start of the first minute
	 * @param minutes how many minutes
	 * @return the counts per minute
	 */
	Throughput throughput(Instant from, int minutes);

	/**
	 * List the workflows that have not ended and were due to run before an instant but are not
	 * running, the longest overdue first.
	 * @param dueBefore the instant
	 * @param limit the most to return
	 * @return the workflows
	 */
	List<WorkflowRecord> overdue(Instant dueBefore, int limit);

	/**
	 * List the nodes that hold running workflows, with their lease ends, in one grouped query.
	 * @return the nodes, by id
	 */
	List<NodeClaims> nodes();

	/**
	 * Count workflows by status, in one grouped query.
	 * @return the count of each status that has workflows; statuses without any are absent
	 */
	Map<WorkflowStatus, Long> countByStatus();

	/**
	 * Count the workflows that have not ended and were due to run before an instant but are not
	 * running: a sign of too few workers, or of none.
	 * @param dueBefore the instant
	 * @return how many
	 */
	long countOverdue(Instant dueBefore);

}
