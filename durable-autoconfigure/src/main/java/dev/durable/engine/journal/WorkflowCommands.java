package dev.durable.engine.journal;

import java.time.Instant;
import java.util.List;

/**
 * Changes asked of workflows from outside their runs: signals, cancellation, retries of failed
 * workflows and the deletion of ended ones; and a run's side of a signal, taking what was sent.
 * Every method runs in a transaction of the application's transaction manager.
 */
public interface WorkflowCommands {

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
	 * Store a signal for a workflow and wake it if it waits for that signal.
	 * @param workflowId the workflow
	 * @param name the signal name
	 * @param payload the JSON payload
	 * @param now the current time
	 * @return whether it was stored, or why not
	 */
	Delivery sendSignal(String workflowId, String name, String payload, Instant now);

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
	 * Request cancellation of a workflow and wake it if it waits.
	 * @param workflowId the workflow
	 * @param now the current time
	 * @return whether it was requested, or why not
	 */
	Delivery requestCancel(String workflowId, Instant now);

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

	/**
	 * Delete up to {@code limit} workflows that ended before the given time, with their journals
	 * and signals, in one transaction.
	 * @param endedBefore the cut-off
	 * @param limit the most workflows to delete
	 * @return how many were deleted
	 */
	int deleteEnded(Instant endedBefore, int limit);

}
