package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The journal as a run writes it: a workflow's start, its steps, its waits and its end. Every
 * method runs in a transaction of the application's transaction manager, joining the caller's when
 * one is active. Writes about a running workflow are fenced: they present the claim's run token
 * and fail with {@link LeaseLostException} when another claim replaced it.
 */
public interface WorkflowJournal {

	/**
	 * Create a workflow and its {@code WORKFLOW_STARTED} event, unless the id exists.
	 * @param workflow the workflow to create
	 * @return {@code true} if created, {@code false} if a workflow with that id existed
	 */
	boolean create(NewWorkflow workflow);

	/**
	 * Load a workflow and its journal in one read, for a run.
	 * @param id the workflow id
	 * @return the workflow and its journal, or empty
	 */
	Optional<LoadedWorkflow> load(String id);

	/**
	 * Append an event for a claimed workflow: one insert that only inserts while the claim holds.
	 * It leaves the workflow's row alone (the lease keeper extends the lease); the journal's
	 * key on (workflow, seq) refuses a second event at a position, whichever claim wrote the first.
	 * The write reads the workflow's cancel flag on its way, so that a cancellation requested on
	 * another node reaches the run at its next step, not at its next lease renewal.
	 * @param claim the claim
	 * @param event the event
	 * @return whether cancellation of the workflow has been requested
	 * @throws LeaseLostException if the claim was replaced
	 */
	boolean append(ClaimedWorkflow claim, JournalEvent event);

	/**
	 * Append a claimed workflow's {@code EVENT_PUBLISHED} event and make its value the latest of
	 * its key (the event's name), in one transaction: either both are written or neither is.
	 * @param claim the claim
	 * @param event the event, its output the value's JSON
	 * @return whether cancellation of the workflow has been requested
	 * @throws LeaseLostException if the claim was replaced
	 */
	boolean publish(ClaimedWorkflow claim, JournalEvent event);

	/**
	 * End a claimed workflow: write its final event, status, result or error, and drop the claim;
	 * with the run's last step's event, when the run held it back to commit it with the end.
	 * @param claim the claim
	 * @param end how it ended
	 * @param lastStep the last step's event, not yet written, or null
	 * @param event the final journal event
	 * @param parentId the parent to wake, for a child workflow, or null
	 * @throws LeaseLostException if the claim was replaced (and then neither event was written)
	 */
	void finish(ClaimedWorkflow claim, WorkflowEnd end, @Nullable JournalEvent lastStep, JournalEvent event,
			@Nullable String parentId);

	/**
	 * Suspend a claimed workflow: status {@code WAITING} until {@code wakeAt} or the awaited
	 * event, claim dropped. If the awaited event already happened, it is due at once instead.
	 * @param claim the claim
	 * @param wakeAt when to run it again at the latest, or null to wait for the event only
	 * @param waitingFor the awaited event ({@link Waits}), or null for a timer only
	 * @throws LeaseLostException if the claim was replaced
	 */
	void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor);

	/**
	 * Park a claimed workflow: status {@code WAITING} until {@code wakeAt} or the awaited event, as
	 * {@link #suspend} does, but the claim's run token stays, so that work of the run still under
	 * way on its node (activity futures) can record its outcomes; the next claim replaces the token
	 * and so fences them out. The lease keeper extends {@code wakeAt} while the node lives.
	 * @param claim the claim
	 * @param wakeAt when to run it again at the latest (at most the lease's end)
	 * @param waitingFor the awaited event ({@link Waits}), or null
	 * @throws LeaseLostException if the claim was replaced
	 */
	void park(ClaimedWorkflow claim, Instant wakeAt, @Nullable String waitingFor);

	/**
	 * Make a parked workflow due at once, if it is still parked under the claim.
	 * @param claim the claim it was parked with
	 * @param now the current time
	 */
	void wakeParked(ClaimedWorkflow claim, Instant now);

	/**
	 * Start a child workflow from a claimed parent: the child's row and the parent's
	 * {@code CHILD_STARTED} event in one transaction. An existing child of that id is kept.
	 * @param claim the parent's claim
	 * @param child the child to create
	 * @param parentEvent the parent's journal event
	 * @param leaseUntil the parent's new lease expiry
	 * @throws LeaseLostException if the claim was replaced
	 */
	void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil);

	/**
	 * Keep the error that stopped a claimed workflow's run without ending or waiting it, for the
	 * message of the workflow's failure should its runs keep stopping (see
	 * {@code durable.worker.max-run-attempts}). Best effort: nothing is kept if the claim was
	 * replaced, and the store may be what failed.
	 * @param claim the claim of the stopped run
	 * @param error the error, storable ({@link ErrorText})
	 */
	void recordAbandonedRun(ClaimedWorkflow claim, String error);

	/**
	 * Read the error that stopped the workflow's last run without ending or waiting it, if one was
	 * kept since it last ended, waited or was retried.
	 * @param workflowId the workflow
	 * @return the error, or empty if none was kept (the process running it died, say)
	 */
	Optional<String> lastRunError(String workflowId);

}
