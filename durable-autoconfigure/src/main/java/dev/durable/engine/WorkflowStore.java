package dev.durable.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
	 * What became of a signal or a cancellation request.
	 */
	enum Delivery {

		/** Stored; the workflow is woken if it waits. */
		ACCEPTED,

		/** No workflow has that id. */
		NOT_FOUND,

		/** The workflow has ended. */
		ENDED

	}

	/**
	 * What became of a request to retry a failed workflow.
	 */
	enum RetryOutcome {

		/** Its terminal event was removed and it is due at once. */
		RETRIED,

		/** No workflow has that id. */
		NOT_FOUND,

		/** The workflow has not failed: it runs, waits, completed or was cancelled. */
		NOT_FAILED

	}

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
	 * It leaves the workflow's row alone (the {@link LeaseKeeper} extends the lease); the journal's
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
	 * End a claimed workflow: write its final event, status, result or error, and drop the claim.
	 * @param claim the claim
	 * @param status the terminal status
	 * @param result the JSON result, if completed
	 * @param errorType the error class name, if failed
	 * @param error the error message, if failed
	 * @param event the final journal event
	 * @param parentId the parent to wake, for a child workflow, or null
	 * @throws LeaseLostException if the claim was replaced
	 */
	void finish(ClaimedWorkflow claim, WorkflowStatus status, @Nullable String result, @Nullable String errorType,
			@Nullable String error, JournalEvent event, @Nullable String parentId);

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
	 * Take the oldest pending signals of a name for a claimed workflow, in the order sent, until one
	 * fits the awaited type: mark each consumed and journal it, {@code SIGNAL_REJECTED} (payload and
	 * reason kept) if it does not fit, {@code SIGNAL_RECEIVED} if it does, all in one transaction.
	 * A store may stop after a batch of rejections; the caller then takes again.
	 * @param claim the claim
	 * @param name the signal name
	 * @param seq the journal position of the first event
	 * @param step the step of the signal wait
	 * @param now the current time
	 * @param leaseUntil the new lease expiry
	 * @param check whether a payload fits the awaited type
	 * @return the events journaled, at positions {@code seq}, {@code seq + 1}, ...; ending with
	 * {@code SIGNAL_RECEIVED} if a signal fit; empty if none was pending
	 * @throws LeaseLostException if the claim was replaced
	 */
	List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step, Instant now,
			Instant leaseUntil, SignalCheck check);

	/**
	 * Store a signal for a workflow and wake it if it waits for that signal.
	 * @param workflowId the workflow
	 * @param name the signal name
	 * @param payload the JSON payload
	 * @param now the current time
	 * @return whether it was stored, or why not
	 */
	Delivery sendSignal(String workflowId, String name, String payload, Instant now);

	/**
	 * Request cancellation of a workflow and wake it if it waits.
	 * @param workflowId the workflow
	 * @param now the current time
	 * @return whether it was requested, or why not
	 */
	Delivery requestCancel(String workflowId, Instant now);

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
	 * {@link EngineSettings#maxRunAttempts()}). Best effort: nothing is kept if the claim was
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

	/**
	 * Hand a claimed workflow back to be claimed again from {@code dueAt}, keeping its status
	 * readable as waiting (a shutdown, or a type this node does not know). The claim does not
	 * count as a run ({@link ClaimedWorkflow#run()}).
	 * @param claim the claim
	 * @param dueAt when it may be claimed again
	 */
	void release(ClaimedWorkflow claim, Instant dueAt);

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
	 * Make the running workflows of the given node claimable at once; used at start-up when
	 * that node is known to be this process's dead predecessor.
	 * @param nodeId the node id, or null for every node (an embedded database that only one
	 * process can open)
	 * @param now the current time
	 * @return how many workflows were recovered
	 */
	int recoverRunning(@Nullable String nodeId, Instant now);

	/**
	 * Delete up to {@code limit} workflows that ended before the given time, with their journals
	 * and signals, in one transaction.
	 * @param endedBefore the cut-off
	 * @param limit the most workflows to delete
	 * @return how many were deleted
	 */
	int deleteEnded(Instant endedBefore, int limit);

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

	/**
	 * Make a failed workflow run again from where it stopped: remove its terminal lifecycle
	 * events ({@code WORKFLOW_FAILED}, {@code NON_DETERMINISM_DETECTED}), clear its error and make
	 * it {@code PENDING} and due at {@code now} with its count of runs in a row at 0, in one
	 * transaction. Every recorded step stays,
	 * failed activities ({@code ACTIVITY_FAILED}) included.
	 * @param workflowId the workflow
	 * @param now the current time
	 * @return whether it was retried, or why not
	 */
	RetryOutcome retry(String workflowId, Instant now);

}
