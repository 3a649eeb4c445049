package dev.durable.engine.run;

import org.jspecify.annotations.Nullable;

/**
 * Tells the workers that work may be due now, so that a new or resumed workflow does not wait
 * for the next poll.
 */
@FunctionalInterface
public interface WorkerDispatch {

	/**
	 * Look for due workflows now.
	 */
	void wakeUp();

	/**
	 * Set a free worker thread aside for a workflow about to be created claimed by this node.
	 * @return the reservation, or null if no worker thread is free (or this node runs none), in
	 * which case the workflow is created for any node's workers to claim
	 */
	default @Nullable ReservedRun reserve() {
		return null;
	}

}
