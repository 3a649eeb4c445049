package dev.durable.engine.run;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Wakes threads awaiting a workflow as soon as this node ends it; workflows ended by other nodes
 * are seen by the awaiting thread's polling.
 *
 * <p>Each await registers a waiter of its own and closes it however the await ends, so that
 * neither an await that fails (unknown id, interruption, database error) nor one of several
 * threads awaiting the same workflow leaves an entry behind or takes another's away.
 */
public class CompletionWaiters {

	private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

	void ended(String workflowId) {
		Set<Waiter> waiting = this.waiters.get(workflowId);
		if (waiting != null) {
			waiting.forEach(Waiter::wake);
		}
	}

	/**
	 * Register a waiter for a workflow's end; close it when the await ends.
	 */
	public Waiter register(String workflowId) {
		Waiter waiter = new Waiter(workflowId);
		this.waiters.compute(workflowId, (id, waiting) -> {
			Set<Waiter> set = (waiting != null) ? waiting : ConcurrentHashMap.newKeySet();
			set.add(waiter);
			return set;
		});
		return waiter;
	}

	/**
	 * Count the registered waiters of a workflow, for tests that check none is left behind.
	 */
	int count(String workflowId) {
		Set<Waiter> waiting = this.waiters.get(workflowId);
		return (waiting != null) ? waiting.size() : 0;
	}

	private void remove(Waiter waiter) {
		this.waiters.computeIfPresent(waiter.workflowId, (id, waiting) -> {
			waiting.remove(waiter);
			return waiting.isEmpty() ? null : waiting;
		});
	}

	/**
	 * One thread's wait for one workflow's end.
	 */
	public final class Waiter implements AutoCloseable {

		private final String workflowId;

		private boolean woken;

		private Waiter(String workflowId) {
			this.workflowId = workflowId;
		}

		private synchronized void wake() {
			this.woken = true;
			notifyAll();
		}

		/**
		 * Wait until this node ends the workflow or the time is up, whichever is first.
		 */
		public synchronized void awaitEnd(Duration atMost) throws InterruptedException {
			long deadline = System.nanoTime() + Math.max(TimeUnit.MILLISECONDS.toNanos(1), atMost.toNanos());
			long left = deadline - System.nanoTime();
			while (!this.woken && left > 0) {
				TimeUnit.NANOSECONDS.timedWait(this, left);
				left = deadline - System.nanoTime();
			}
			// Re-armed: a wake-up seen too early (before the end is readable) must not spin the poll.
			this.woken = false;
		}

		@Override
		public void close() {
			remove(this);
		}

	}

}
