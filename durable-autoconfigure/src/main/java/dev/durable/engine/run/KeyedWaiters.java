package dev.durable.engine.run;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Threads waiting for something to happen on this node, by key: each wait registers a waiter of
 * its own before it looks, so that what happens between the look and the wait still wakes it, and
 * closes it however the wait ends, so that neither a failed wait nor one of several waits for the
 * same key leaves an entry behind or takes another's away. What happens on other nodes is seen by
 * the waiting thread's own polling.
 */
public class KeyedWaiters {

	private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

	/**
	 * Wake every thread waiting for a key.
	 * @param key the key
	 */
	public void wake(String key) {
		deliver(key, null);
	}

	/**
	 * Wake every thread waiting for a key, handing each what happened, so that it need not look it up.
	 * @param key the key
	 * @param value what happened, or null for nothing to hand over
	 */
	protected void deliver(String key, @Nullable Object value) {
		Set<Waiter> waiting = this.waiters.get(key);
		if (waiting != null) {
			waiting.forEach((waiter) -> waiter.wake(value));
		}
	}

	/**
	 * Register a waiter for a key; close it when the wait ends.
	 * @param key the key
	 * @return the waiter
	 */
	public Waiter register(String key) {
		Waiter waiter = new Waiter(key);
		this.waiters.compute(key, (id, waiting) -> {
			Set<Waiter> set = (waiting != null) ? waiting : ConcurrentHashMap.newKeySet();
			set.add(waiter);
			return set;
		});
		return waiter;
	}

	/**
	 * Count the registered waiters of a key, for tests that check none is left behind.
	 * @param key the key
	 * @return how many
	 */
	public int count(String key) {
		Set<Waiter> waiting = this.waiters.get(key);
		return (waiting != null) ? waiting.size() : 0;
	}

	private void remove(Waiter waiter) {
		this.waiters.computeIfPresent(waiter.key, (id, waiting) -> {
			waiting.remove(waiter);
			return waiting.isEmpty() ? null : waiting;
		});
	}

	/**
	 * One thread's wait for one key.
	 */
	public final class Waiter implements AutoCloseable {

		private final String key;

		private boolean woken;

		private @Nullable Object delivered;

		private Waiter(String key) {
			this.key = key;
		}

		private synchronized void wake(@Nullable Object value) {
			this.woken = true;
			if (value != null) {
				this.delivered = value;
			}
			notifyAll();
		}

		/**
		 * Return what a wake-up handed over, if any did.
		 * @return the value, or null
		 */
		public synchronized @Nullable Object delivered() {
			return this.delivered;
		}

		/**
		 * Wait until the key is woken or the time is up, whichever is first.
		 * @param atMost the longest wait (at least a millisecond is waited)
		 * @throws InterruptedException if the thread is interrupted
		 */
		public synchronized void await(Duration atMost) throws InterruptedException {
			long deadline = System.nanoTime() + Math.max(TimeUnit.MILLISECONDS.toNanos(1), atMost.toNanos());
			long left = deadline - System.nanoTime();
			while (!this.woken && left > 0) {
				TimeUnit.NANOSECONDS.timedWait(this, left);
				left = deadline - System.nanoTime();
			}
			// Re-armed: a wake-up seen too early (before what it announces is readable) must not spin the poll.
			this.woken = false;
		}

		@Override
		public void close() {
			remove(this);
		}

	}

}
