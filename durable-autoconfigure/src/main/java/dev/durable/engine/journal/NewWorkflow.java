package dev.durable.engine.journal;

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
 * @param dueAt when a pending workflow may begin ({@code StartOptions.delay}), or null for at once
 * @param deadline when it is cancelled unless it has ended ({@code StartOptions.timeout}), or null
 * @param priority its order within its queue, higher first
 * @param queue the queue it waits in for room before its first run, or null for none
 */
public record NewWorkflow(String id, String type, String input, Instant createdAt, @Nullable ClaimedWorkflow claim,
		@Nullable String owner, @Nullable Instant leaseUntil, @Nullable String parentId, @Nullable Instant dueAt,
		@Nullable Instant deadline, int priority, @Nullable String queue) {

	/** The longest workflow id the journal holds (its id columns are {@code VARCHAR(255)}). */
	public static final int MAX_ID_LENGTH = 255;

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
	 * Describe a workflow that begins at once, with no deadline and priority 0.
	 * @param id the workflow id
	 * @param type the workflow type name
	 * @param input the JSON array of arguments
	 * @param createdAt the creation time
	 * @param claim the claim to create it under, or null
	 * @param owner the node that holds that claim, or null
	 * @param leaseUntil the lease expiry of that claim, or null
	 * @param parentId the parent of a child workflow, or null
	 */
	public NewWorkflow(String id, String type, String input, Instant createdAt, @Nullable ClaimedWorkflow claim,
			@Nullable String owner, @Nullable Instant leaseUntil, @Nullable String parentId) {
		this(id, type, input, createdAt, claim, owner, leaseUntil, parentId, null, null, 0, null);
	}

	/**
	 * Return this pending workflow with a start time, a deadline and a priority.
	 * @param begins when it may begin
	 * @param deadlineAt when it is cancelled unless it has ended, or null
	 * @param queuePriority its order within its queue
	 * @return the workflow with those
	 */
	public NewWorkflow timed(Instant begins, @Nullable Instant deadlineAt, int queuePriority) {
		return new NewWorkflow(this.id, this.type, this.input, this.createdAt, this.claim, this.owner, this.leaseUntil,
				this.parentId, begins, deadlineAt, queuePriority, this.queue);
	}

	/**
	 * Return this pending workflow in a queue.
	 * @param queueName the queue, or null for none
	 * @return the workflow in that queue
	 */
	public NewWorkflow queued(@Nullable String queueName) {
		return new NewWorkflow(this.id, this.type, this.input, this.createdAt, this.claim, this.owner,
				this.leaseUntil, this.parentId, this.dueAt, this.deadline, this.priority, queueName);
	}

	/**
	 * Return this workflow created already claimed: running under the claim from its first commit.
	 * @param newClaim the claim
	 * @param node the node that holds it
	 * @param until the claim's lease expiry
	 * @return the claimed workflow, with the same deadline and priority
	 */
	public NewWorkflow claimedBy(ClaimedWorkflow newClaim, String node, Instant until) {
		return new NewWorkflow(this.id, this.type, this.input, this.createdAt, newClaim, node, until, this.parentId,
				null, this.deadline, this.priority, this.queue);
	}

	/**
	 * Validate the new workflow.
	 */
	public NewWorkflow {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(input, "input");
		if (id.length() > MAX_ID_LENGTH) {
			throw new IllegalArgumentException(tooLong("Workflow id", id));
		}
		if ((claim == null) != (leaseUntil == null) || (claim == null) != (owner == null)) {
			throw new IllegalArgumentException("A claim needs an owner and a lease expiry, and only a claim has them");
		}
		if (claim != null && queue != null) {
			throw new IllegalArgumentException("A queued workflow waits for room in its queue: it cannot be created claimed");
		}
	}

	/**
	 * Describe an id that does not fit the journal.
	 * @param what what the id names, e.g. "Workflow id"
	 * @param id the id
	 * @return a message naming the id, its length and the limit
	 */
	public static String tooLong(String what, String id) {
		String shown = (id.length() > 60) ? id.substring(0, 60) + "..." : id;
		return what + " '" + shown + "' is " + id.length() + " characters long, longer than the " + MAX_ID_LENGTH
				+ " characters the journal holds (durable_workflow.id)";
	}

}
