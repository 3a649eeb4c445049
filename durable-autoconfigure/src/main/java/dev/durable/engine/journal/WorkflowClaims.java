package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who runs which workflow: claiming due workflows for a node, renewing and handing back their
 * leases, and recovering the workflows of a dead node. A claim is what fences every later write of
 * a run ({@link WorkflowJournal}).
 */
public interface WorkflowClaims {

	/**
	 * Claim up to {@code limit} due workflows (pending, woken, or with an expired lease) for a node,
	 * counting each claim as one more run of its workflow in a row ({@link ClaimedWorkflow#run()}),
	 * in the same statement; ending, suspending and retrying a workflow start the count again.
	 * @param nodeId the claiming node
	 * @param now the current time
	 * @param leaseUntil the lease expiry to set
	 * @param limit the most workflows to claim
	 * @return the claims made, possibly none, each with its workflow and journal if the store read
	 * them in the same round trip
	 */
	List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit);

	/**
	 * Extend the leases of workflows this node runs.
	 * @param claims the claims to renew
	 * @param leaseUntil the new lease expiry
	 * @return the ids among them whose cancellation was requested
	 */
	Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil);

	/**
	 * Hand a claimed workflow back to be claimed again from {@code dueAt}, keeping its status
	 * readable as waiting (a shutdown, or a type this node does not know). The claim does not
	 * count as a run ({@link ClaimedWorkflow#run()}).
	 * @param claim the claim
	 * @param dueAt when it may be claimed again
	 */
	void release(ClaimedWorkflow claim, Instant dueAt);

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
	 * Tell whether the database is embedded (one process at a time), which lets a restarted
	 * node take over every running workflow at once instead of waiting for leases to expire.
	 * @return {@code true} for an embedded database
	 */
	boolean isEmbedded();

}
