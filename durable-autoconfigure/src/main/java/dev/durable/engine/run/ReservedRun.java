package dev.durable.engine.run;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.LoadedWorkflow;

/**
 * A worker thread of this node set aside for a workflow that a start creates already claimed,
 * so that the workflow begins the moment its row commits, with no poll and no claim statement.
 * Exactly one of {@link #run} and {@link #cancel} must be called.
 */
public interface ReservedRun {

	/**
	 * Run the workflow on the reserved thread; its row (and claim) has committed.
	 * @param claim the claim it was created under
	 * @param loaded the workflow and its journal as created
	 */
	void run(ClaimedWorkflow claim, LoadedWorkflow loaded);

	/**
	 * Give the thread back: the workflow was not created under the claim (its id existed, or the
	 * transaction that created it rolled back).
	 */
	void cancel();

}
