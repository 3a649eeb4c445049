package dev.durable.engine.fault;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.WorkflowClaims;

/**
 * Fault-injection points around the recording of an activity's completion, for test support
 * that makes a run stop exactly where a crash would. Internal: not part of the public API.
 *
 * <p>The engine calls these only when a bean of this type exists; without one the check is a
 * null test per completed activity. An implementation stops the run by throwing
 * {@link RunAbandonedError}: nothing more is recorded, the workflow stays {@code RUNNING} under
 * its claim, and it resumes as a crashed node's workflow would (its lease expires, or
 * {@link WorkflowClaims#release} hands it back).
 */
public interface ActivityFaults {

	/**
	 * An activity returned and its completion is about to be recorded, inside the activity's
	 * transaction if it has one (so throwing here rolls back its database work).
	 * @param claim the running workflow's claim
	 * @param activityName the activity's name as journaled
	 */
	void beforeCompletionRecorded(ClaimedWorkflow claim, String activityName);

	/**
	 * An activity's completion was recorded and committed; the workflow has not gone on yet.
	 * @param claim the running workflow's claim
	 * @param activityName the activity's name as journaled
	 */
	void afterCompletionRecorded(ClaimedWorkflow claim, String activityName);

}
