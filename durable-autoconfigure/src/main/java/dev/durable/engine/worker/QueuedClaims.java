package dev.durable.engine.worker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.run.EngineContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The worker's claims of queued workflows: after the claim of unqueued work, the threads still
 * free go to the configured queues' ready workflows, each queue claimed under its limits
 * ({@code WorkflowQueues}). The queues take turns at going first, so that one busy queue does
 * not starve the others of this node's threads. With no queue configured it costs nothing.
 */
final class QueuedClaims {

	private static final Log logger = LogFactory.getLog(QueuedClaims.class);

	private final EngineContext engine;

	private int first;

	QueuedClaims(EngineContext engine) {
		this.engine = engine;
	}

	/**
	 * Add the claims of queued workflows to those made, up to {@code limit} in all.
	 * @param claims the claims of unqueued workflows made in this poll
	 * @param now the current time
	 * @param leaseUntil the lease expiry to set
	 * @param limit the free threads
	 * @return all the claims
	 */
	List<ClaimedRun> addTo(List<ClaimedRun> claims, Instant now, Instant leaseUntil, int limit) {
		List<QueueLimits> queues = this.engine.settings().queues();
		if (queues.isEmpty() || claims.size() >= limit) {
			return claims;
		}
		List<ClaimedRun> all = new ArrayList<>(claims);
		int start = this.first;
		this.first = (start + 1) % queues.size();
		for (int i = 0; i < queues.size() && all.size() < limit; i++) {
			QueueLimits queue = queues.get((start + i) % queues.size());
			try {
				all.addAll(this.engine.store()
					.claimQueued(queue, this.engine.settings().nodeId(), now, leaseUntil, limit - all.size()));
			}
			catch (RuntimeException ex) {
				// The claims already made must still run: a failed queue claim is retried next poll.
				logger.warn("Could not claim workflows of queue '" + queue.name() + "' (" + ex + "); retrying");
			}
		}
		return all;
	}

}
