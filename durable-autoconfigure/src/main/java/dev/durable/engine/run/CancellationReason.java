package dev.durable.engine.run;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Why a cancellation reaches a workflow: a request ({@code WorkflowClient.cancel}) says nothing
 * more, a deadline that passed ({@code StartOptions.timeout}) says so. Read once, when the
 * cancellation is delivered, and journalled with it so that every replay says the same.
 */
final class CancellationReason {

	private CancellationReason() {
	}

	/**
	 * Describe the timeout that passed, if that is why the workflow is cancelled.
	 * @param engine the engine, whose store keeps the deadline
	 * @param workflowId the workflow
	 * @param now the time of delivery
	 * @return a message naming the timeout, or null if the workflow's deadline has not passed
	 */
	static @Nullable String timeoutPassed(EngineContext engine, String workflowId, Instant now) {
		Optional<Instant> deadline = engine.store().deadline(workflowId);
		if (deadline.isEmpty() || now.isBefore(deadline.get())) {
			return null;
		}
		return "Workflow '" + workflowId + "' was cancelled because its timeout (StartOptions.timeout) passed at "
				+ deadline.get();
	}

}
