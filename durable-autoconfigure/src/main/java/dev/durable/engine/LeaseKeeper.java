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

	private final Map<String, WorkflowExecution> executions = new ConcurrentHashMap<>();

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
		this.executions.remove(claim.workflowId());
	}

	void attach(WorkflowExecution execution) {
		this.executions.put(execution.workflowId(), execution);
	}

	/**
	 * Tell a workflow running on this node that its cancellation was requested.
	 * @param workflowId the workflow
	 */
	void cancelRequested(String workflowId) {
		WorkflowExecution execution = this.executions.get(workflowId);
		if (execution != null) {
			execution.requestCancel();
		}
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
	 * Extend every running claim's lease, and pass on cancellation requests made on other nodes.
	 * @param leaseUntil the new expiry
	 */
	public void renew(Instant leaseUntil) {
		List<ClaimedWorkflow> claims = running();
		if (!claims.isEmpty()) {
			this.store.renewLeases(claims, leaseUntil).forEach(this::cancelRequested);
		}
	}

}
