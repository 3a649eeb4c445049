package dev.durable.engine;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A workflow this node holds the lease of.
 * @param workflowId the workflow id
 * @param runToken the fencing token of this claim; every journal write must present it
 * @param dueAt when the workflow had become due before it was claimed, if known
 */
public record ClaimedWorkflow(String workflowId, String runToken, @Nullable Instant dueAt) {

	/**
	 * Validate the claim.
	 */
	public ClaimedWorkflow {
		Objects.requireNonNull(workflowId, "workflowId");
		Objects.requireNonNull(runToken, "runToken");
	}

	/**
	 * Create a claim whose due time does not matter (a workflow created already claimed).
	 * @param workflowId the workflow id
	 * @param runToken the fencing token
	 */
	public ClaimedWorkflow(String workflowId, String runToken) {
		this(workflowId, runToken, null);
	}

}
