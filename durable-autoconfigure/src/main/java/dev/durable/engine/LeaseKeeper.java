package dev.durable.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows which claims this node's threads are running and renews their leases, so that a
 * workflow busy in a long activity is not taken over by another node.
 */
public class LeaseKeeper {

	private final Map<String, ClaimedWorkflow> running = new ConcurrentHashMap<>();

	private final WorkflowStore store;

	/**
	 * Create the keeper.
	 * @param store the journal
	 */
	public LeaseKeeper(WorkflowStore store) {
		this.store = store;
	}

	void track(ClaimedWorkflow claim) {
		this.running.put(claim.workflowId(), claim);
	}

	void untrack(ClaimedWorkflow claim) {
		this.running.remove(claim.workflowId(), claim);
	}

	boolean isRunning(String workflowId) {
		return this.running.containsKey(workflowId);
	}

	/**
	 * Return the claims running now.
	 * @return a snapshot of the running claims
	 */
	public List<ClaimedWorkflow> running() {
		return List.copyOf(this.running.values());
	}

	/**
	 * Extend every running claim's lease.
	 * @param leaseUntil the new expiry
	 */
	public void renew(Instant leaseUntil) {
		List<ClaimedWorkflow> claims = running();
		if (!claims.isEmpty()) {
			this.store.renewLeases(claims, leaseUntil);
		}
	}

}
