package dev.durable.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * The journal as the engine needs it. Every method runs in a transaction of the application's
 * transaction manager, joining the caller's when one is active. Writes about a running workflow
 * are fenced: they present the claim's run token and fail with {@link LeaseLostException} when
 * another claim replaced it.
 */
public interface WorkflowStore extends WorkflowQueries {

	/**
	 * Create a workflow and its {@code WORKFLOW_STARTED} event, unless the id exists.
	 * @param workflow the workflow to create
	 * @return {@code true} if created, {@code false} if a workflow with that id existed
	 */
	boolean create(NewWorkflow workflow);

	/**
	 * Append an event for a claimed workflow and extend its lease.
	 * @param claim the claim
	 * @param event the event
	 * @param leaseUntil the new lease expiry
	 * @throws LeaseLostException if the claim was replaced
	 */
	void append(ClaimedWorkflow claim, JournalEvent event, Instant leaseUntil);

	/**
	 * End a claimed workflow: write its final event, status, result or error, and drop the claim.
	 * @param claim the claim
	 * @param status the terminal status
	 * @param result the JSON result, if completed
	 * @param errorType the error class name, if failed
	 * @param error the error message, if failed
	 * @param event the final journal event
	 * @throws LeaseLostException if the claim was replaced
	 */
	void finish(ClaimedWorkflow claim, WorkflowStatus status, @Nullable String result, @Nullable String errorType,
			@Nullable String error, JournalEvent event);

	/**
	 * Suspend a claimed workflow: status {@code WAITING} until {@code wakeAt}, claim dropped.
	 * @param claim the claim
	 * @param wakeAt when to run it again, or null to wait for an external event
	 * @throws LeaseLostException if the claim was replaced
	 */
	void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt);

	/**
	 * Hand a claimed workflow back to be claimed again from {@code dueAt}, keeping its status
	 * readable as waiting (a shutdown, or a type this node does not know).
	 * @param claim the claim
	 * @param dueAt when it may be claimed again
	 */
	void release(ClaimedWorkflow claim, Instant dueAt);

	/**
	 * Claim up to {@code limit} due workflows (pending, woken, or with an expired lease) for a node.
	 * @param nodeId the claiming node
	 * @param now the current time
	 * @param leaseUntil the lease expiry to set
	 * @param limit the most workflows to claim
	 * @return the claims made, possibly none
	 */
	List<ClaimedWorkflow> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit);

	/**
	 * Extend the leases of workflows this node runs.
	 * @param claims the claims to renew
	 * @param leaseUntil the new lease expiry
	 * @return how many leases were still held and renewed
	 */
	int renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil);

	/**
	 * Make the running workflows of the given node claimable at once; used at start-up when
	 * that node is known to be this process's dead predecessor.
	 * @param nodeId the node id, or null for every node (an embedded database that only one
	 * process can open)
	 * @param now the current time
	 * @return how many workflows were recovered
	 */
	int recoverRunning(@Nullable String nodeId, Instant now);

	/**
	 * Read the status of a workflow, cheaply.
	 * @param id the workflow id
	 * @return its status, or empty if unknown
	 */
	Optional<WorkflowStatus> status(String id);

	/**
	 * Tell whether the database is embedded (one process at a time), which lets a restarted
	 * node take over every running workflow at once instead of waiting for leases to expire.
	 * @return {@code true} for an embedded database
	 */
	boolean isEmbedded();

}
