package dev.durable.engine;

import java.util.Objects;

/**
 * A workflow this node holds the lease of.
 * @param workflowId the workflow id
 * @param runToken the fencing token of this claim; every journal write must present it
 */
public record ClaimedWorkflow(String workflowId, String runToken) {

	/**
	 * Validate the claim.
	 */
	public ClaimedWorkflow {
		Objects.requireNonNull(workflowId, "workflowId");
		Objects.requireNonNull(runToken, "runToken");
	}

}
