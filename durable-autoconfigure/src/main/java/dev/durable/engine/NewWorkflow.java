package dev.durable.engine;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A workflow to create.
 * @param id the workflow id
 * @param type the workflow type name
 * @param input the JSON array of the entry point's arguments
 * @param createdAt the creation time
 * @param claim the claim to create it under (run at once by the caller), or null to leave it
 * pending for the workers
 * @param owner the node that holds that claim, or null
 * @param leaseUntil the lease expiry of that claim, or null
 * @param parentId the parent of a child workflow, or null
 */
public record NewWorkflow(String id, String type, String input, Instant createdAt, @Nullable ClaimedWorkflow claim,
		@Nullable String owner, @Nullable Instant leaseUntil, @Nullable String parentId) {

	/**
	 * Describe a workflow for the workers to run, with no parent.
	 * @param id the workflow id
	 * @param type the workflow type name
	 * @param input the JSON array of arguments
	 * @param createdAt the creation time
	 * @return the new workflow
	 */
	public static NewWorkflow pending(String id, String type, String input, Instant createdAt) {
		return new NewWorkflow(id, type, input, createdAt, null, null, null, null);
	}

	/**
	 * Validate the new workflow.
	 */
	public NewWorkflow {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(input, "input");
		if ((claim == null) != (leaseUntil == null) || (claim == null) != (owner == null)) {
			throw new IllegalArgumentException("A claim needs an owner and a lease expiry, and only a claim has them");
		}
	}

}
