package dev.durable.engine;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes threads awaiting a workflow as soon as this node ends it; workflows ended by other nodes
 * are seen by the awaiting thread's polling.
 */
public class CompletionWaiters {

	private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();

	void ended(String workflowId) {
		CompletableFuture<Void> waiter = this.waiters.remove(workflowId);
		if (waiter != null) {
			waiter.complete(null);
		}
	}

	/**
	 * Wait until this node ends the workflow or the time is up, whichever is first.
	 */
	void awaitEnd(String workflowId, Duration atMost) throws InterruptedException {
		CompletableFuture<Void> waiter = this.waiters.computeIfAbsent(workflowId, (id) -> new CompletableFuture<>());
		try {
			waiter.get(Math.max(1, atMost.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Time to poll the database again.
		}
	}

	void forget(String workflowId) {
		this.waiters.remove(workflowId);
	}

}
