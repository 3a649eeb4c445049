package dev.durable.engine.journal;

import java.time.Instant;
import java.util.List;

/**
 * The journal's part in queues ({@code durable.queues.*}): a queued workflow waits for room in its
 * queue before its first run. Claims of one queue are serialized across nodes by a lock on the
 * queue's row, so that two nodes never both see room for its last place. A workflow holds its
 * place from its first claim to its end, waits and later claims included; only that first claim
 * is limited.
 */
public interface WorkflowQueues {

	/**
	 * Claim up to {@code limit} of a queue's workflows that are due to begin, as many as the
	 * queue's limits leave room for, highest priority first, then the longest due, then by id.
	 * @param queue the queue and its limits
	 * @param nodeId the claiming node
	 * @param now the current time, which is each claimed workflow's begin time
	 * @param leaseUntil the lease expiry to set
	 * @param limit the most workflows to claim (this node's free threads)
	 * @return the claims made, possibly none
	 */
	List<ClaimedRun> claimQueued(QueueLimits queue, String nodeId, Instant now, Instant leaseUntil, int limit);

	/**
	 * Count, per queue, the workflows waiting to begin and those holding a place.
	 * @return a count for each queue that has such workflows
	 */
	List<QueueCount> countQueues();

}
