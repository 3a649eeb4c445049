package dev.durable.engine.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal's part in workflow deadlines ({@code StartOptions.timeout}): cancelling the
 * workflows whose deadline passed, whichever node notices first, and reading a deadline to say
 * why a workflow was cancelled.
 */
public interface WorkflowDeadlines {

	/**
	 * Request cancellation of workflows whose deadline passed and that have not ended, as
	 * {@link WorkflowCommands#requestCancel} does (a waiting or not yet due one becomes due now),
	 * and forget the deadlines of workflows that ended before theirs.
	 * @param now the current time
	 * @param limit the most workflows to cancel in one call
	 * @return the ids of the workflows whose cancellation this call requested
	 */
	List<String> cancelPastDeadlines(Instant now, int limit);

	/**
	 * Read a workflow's deadline.
	 * @param workflowId the workflow id
	 * @return its deadline, or empty if it has none or does not exist
	 */
	Optional<Instant> deadline(String workflowId);

}
