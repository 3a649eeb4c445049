package dev.durable;

import java.util.Collection;

import dev.durable.engine.run.ExecutionContexts;

/**
 * The outcome of a durable call that runs concurrently with the workflow code: an activity or a
 * child workflow started with {@link Workflow#async(java.util.function.Supplier)}, a
 * {@link Workflow#timer(java.time.Duration) timer} or a {@link Workflow#signal(String, Class) signal}.
 *
 * <p>Each future is a step of the journal, numbered in the order the workflow code creates it, so
 * replay is deterministic whatever order the futures finish in. Futures belong to the run of the
 * workflow that created them: use them only on the thread running that workflow.
 *
 * @param <R> the type of the result
 */
public interface DurableFuture<R> {

	/**
	 * Return the result, waiting durably for it if needed: in the thread up to
	 * {@code durable.worker.in-thread-wait-limit}, then the workflow suspends ({@code WAITING}, no
	 * thread held) and resumes, on any node, when what it waits for has happened. A pending
	 * cancellation of the workflow is delivered here as {@link WorkflowCancelledException}.
	 * @return the result ({@code null} for a {@code Void} future)
	 * @throws ActivityFailedException if the activity failed for good
	 * @throws WorkflowFailedException if the child workflow failed or was cancelled
	 */
	R get();

	/**
	 * Tell whether the future is done. The answer is recorded: every replay gets the same answer
	 * at the same point of the workflow code.
	 * @return {@code true} if {@link #get()} would return or throw without waiting
	 */
	boolean isDone();

	/**
	 * Return a future that completes when every given future has. Its {@link #get()} returns
	 * {@code null}, or throws the failure of the first failed future in the collection's order.
	 * @param futures the futures to join
	 * @return the joined future
	 */
	static DurableFuture<Void> allOf(Collection<? extends DurableFuture<?>> futures) {
		return ExecutionContexts.workflow("DurableFuture.allOf()").futures().allOf(futures);
	}

	/**
	 * Return a future that completes with the first of the given futures to complete: its result,
	 * or its failure. Which one won is recorded, so a replay takes the same winner even if by then
	 * others are done too. When several are done at the moment the winner is chosen, the first in
	 * the collection's order wins.
	 * @param <R> the type of the result
	 * @param futures the futures to race
	 * @return the future of the winner
	 */
	static <R> DurableFuture<R> anyOf(Collection<? extends DurableFuture<? extends R>> futures) {
		return ExecutionContexts.workflow("DurableFuture.anyOf()").futures().anyOf(futures);
	}

}
