package dev.durable.engine.client;

import java.time.Duration;
import java.util.function.Predicate;

import dev.durable.WorkflowAwaitTimeoutException;
import dev.durable.WorkflowCancelledException;
import dev.durable.WorkflowFailedException;
import dev.durable.WorkflowNotFoundException;
import dev.durable.WorkflowStatus;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.run.CompletionWaiters;
import dev.durable.engine.run.KeyedWaiters;
import dev.durable.engine.run.JsonCodec;
import org.jspecify.annotations.Nullable;

/**
 * Waits for workflows to end and turns their final rows into results or exceptions.
 */
public class WorkflowOutcomes {

	private static final Duration FIRST_POLL = Duration.ofMillis(20);

	private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

	private final WorkflowQueries store;

	private final JsonCodec codec;

	private final DurableMethods methods;

	private final CompletionWaiters waiters;

	private final Predicate<String> runsHere;

	/**
	 * Create the outcome reader.
	 * @param store where workflows are read
	 * @param codec the JSON codec
	 * @param methods the registry, for result types
	 * @param waiters the local completion notifications
	 * @param runsHere whether a thread of this node runs a workflow now: then its end is handed to
	 * the waiter in memory, and the database is not read while it runs
	 */
	public WorkflowOutcomes(WorkflowQueries store, JsonCodec codec, DurableMethods methods, CompletionWaiters waiters,
			Predicate<String> runsHere) {
		this.runsHere = runsHere;
		this.store = store;
		this.codec = codec;
		this.methods = methods;
		this.waiters = waiters;
	}

	/**
	 * Wait for a workflow to end and return its result.
	 * @param workflowId the workflow id
	 * @param timeout the longest wait
	 * @return the result
	 */
	public @Nullable Object await(String workflowId, Duration timeout) {
		long deadline = System.nanoTime() + nanos(timeout);
		Duration poll = FIRST_POLL;
		try (KeyedWaiters.Waiter waiter = this.waiters.register(workflowId)) {
			while (true) {
				WorkflowRecord workflow = CompletionWaiters.endedFor(waiter);
				if (workflow == null && !this.runsHere.test(workflowId)) {
					// Registered before this look: if it ends here from now on, the waiter is handed the end.
					workflow = this.store.find(workflowId).orElseThrow(() -> notFound(workflowId));
				}
				if (workflow != null && workflow.status().isTerminal()) {
					return outcome(workflow);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new WorkflowAwaitTimeoutException("Workflow '" + workflowId + "' did not end within "
							+ timeout + " (status " + ((workflow != null) ? workflow.status() : WorkflowStatus.RUNNING)
							+ "); it goes on running, await it again later");
				}
				try {
					waiter.await(min(poll, Duration.ofNanos(left)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new WorkflowAwaitTimeoutException("Interrupted while awaiting workflow '" + workflowId + "'");
				}
				poll = min(poll.multipliedBy(2), LONGEST_POLL);
			}
		}
	}

	static WorkflowNotFoundException notFound(String workflowId) {
		return new WorkflowNotFoundException("No workflow has the id '" + workflowId + "'");
	}

	/**
	 * Turn an ended workflow into its result, or throw what ended it.
	 * @param workflow the ended workflow
	 * @return the result
	 */
	@Nullable Object outcomeOf(WorkflowRecord workflow) {
		return outcome(workflow);
	}

	private @Nullable Object outcome(WorkflowRecord workflow) {
		switch (workflow.status()) {
			case COMPLETED:
				WorkflowDefinition definition = this.methods.workflow(workflow.type());
				if (definition == null) {
					throw new IllegalStateException("Workflow '" + workflow.id() + "' completed, but its type '"
							+ workflow.type() + "' is not an entry point of this application, so its result "
							+ "cannot be typed: " + workflow.result());
				}
				return this.codec.readResult("workflow '" + workflow.type() + "'",
						definition.method().getGenericReturnType(), workflow.result());
			case CANCELLED:
				throw new WorkflowCancelledException((workflow.error() != null) ? workflow.error()
						: "Workflow '" + workflow.id() + "' was cancelled");
			default:
				throw new WorkflowFailedException(workflow.id(), workflow.errorType(), "Workflow '" + workflow.id()
						+ "' (type '" + workflow.type() + "') failed: " + workflow.errorType() + ": " + workflow.error());
		}
	}

	private static long nanos(Duration timeout) {
		long limit = Long.MAX_VALUE / 4;
		return (timeout.compareTo(Duration.ofNanos(limit)) > 0) ? limit : Math.max(0, timeout.toNanos());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
