package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A workflow this node holds the lease of.
 * @param workflowId the workflow id
 * @param runToken the fencing token of this claim; every journal write must present it
 * @param dueAt when the workflow had become due before it was claimed, if known
 * @param run which run in a row this claim starts, from 1: runs that stopped without ending or
 * waiting (a store error, a lost lease, a dead process) count up, and a run that ends or waits
 * starts the count again
 */
public record ClaimedWorkflow(String workflowId, String runToken, @Nullable Instant dueAt, int run) {

	/**
	 * Validate the claim.
	 */
	public ClaimedWorkflow {
		Objects.requireNonNull(workflowId, "workflowId");
		Objects.requireNonNull(runToken, "runToken");
	}

	/**
	 * Create the claim of a first run.
	 * @param workflowId the workflow id
	 * @param runToken the fencing token
	 * @param dueAt when the workflow had become due, if known
	 */
	public ClaimedWorkflow(String workflowId, String runToken, @Nullable Instant dueAt) {
		this(workflowId, runToken, dueAt, 1);
	}

	/**
	 * Create a claim whose due time does not matter (a workflow created already claimed).
	 * @param workflowId the workflow id
	 * @param runToken the fencing token
	 */
	public ClaimedWorkflow(String workflowId, String runToken) {
		this(workflowId, runToken, null, 1);
	}

}
