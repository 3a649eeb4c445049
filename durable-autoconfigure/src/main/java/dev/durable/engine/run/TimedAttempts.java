package dev.durable.engine.run;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The bounded pool on which activity attempts with a {@code timeout} run. An attempt that
 * overruns its timeout is interrupted; one that ignores the interrupt keeps its thread until it
 * returns, so the pool counts such threads, warns about them, and never grows past its bound:
 * further attempts queue for a thread, and time out if none frees in time.
 */
public final class TimedAttempts implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TimedAttempts.class);

	private static final int QUEUED = 0;

	private static final int RUNNING = 1;

	private static final int RETURNED = 2;

	private static final int ABANDONED = 3;

	private final ThreadPoolExecutor pool;

	private final int threads;

	private final AtomicInteger overrunning = new AtomicInteger();

	/**
	 * Create the pool; its threads are made when needed and end after a minute idle.
	 * @param threads the most threads that run timed attempts at once
	 */
	public TimedAttempts(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException(
					"durable.worker.timed-activity-threads must be at least 1, but is " + threads);
		}
		this.threads = threads;
		AtomicInteger counter = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "durable-timed-activity-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.pool.allowCoreThreadTimeOut(true);
	}

	/**
	 * Run a task on the pool and wait for it up to a timeout.
	 * @param <T> the task's result
	 * @param what the attempt, as log lines name it
	 * @param timeout how long to wait, counted from now (time spent queued included)
	 * @param task the task
	 * @param onTimeout asked once the timeout has passed: false if the task has already claimed its
	 * completion, in which case this waits for it to finish; true to cancel it
	 * @return the task's result
	 * @throws TimeoutException if the timeout passed and the task was cancelled
	 * @throws ExecutionException if the task threw
	 * @throws InterruptedException if the caller was interrupted (the task is cancelled)
	 */
	public <T> T run(String what, Duration timeout, Callable<T> task, BooleanSupplier onTimeout)
			throws TimeoutException, ExecutionException, InterruptedException {
		AtomicInteger state = new AtomicInteger(QUEUED);
		Future<T> future = this.pool.submit(() -> {
			if (!state.compareAndSet(QUEUED, RUNNING)) {
				return null;
			}
			try {
				return task.call();
			}
			finally {
				if (!state.compareAndSet(RUNNING, RETURNED)) {
					int left = this.overrunning.decrementAndGet();
					logger.info(what + " returned after its timeout; " + left + " of " + this.threads
							+ " timed-activity threads are still held by overrunning attempts");
				}
			}
		});
		try {
			return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			if (!onTimeout.getAsBoolean()) {
				return future.get();
			}
			abandon(what, "overran its timeout of " + timeout, future, state);
			throw ex;
		}
		catch (InterruptedException ex) {
			abandon(what, "was stopped by the end of its run", future, state);
			throw ex;
		}
	}

	/**
	 * Return how many threads are held by attempts that overran their timeout and have not
	 * returned yet.
	 * @return the count
	 */
	public int overrunning() {
		return this.overrunning.get();
	}

	/**
	 * Return how many threads the pool has now.
	 * @return the count
	 */
	int threads() {
		return this.pool.getPoolSize();
	}

	/**
	 * Interrupt running attempts and let the pool's threads end.
	 */
	@Override
	public void close() {
		this.pool.shutdownNow();
	}

	private void abandon(String what, String why, Future<?> future, AtomicInteger state) {
		if (state.compareAndSet(QUEUED, ABANDONED)) {
			future.cancel(false);
			this.pool.purge();
			logger.warn(what + " " + why + " before a thread was free to start it: all " + this.threads
					+ " timed-activity threads are busy (" + this.overrunning.get() + " held by attempts that "
					+ "overran their timeout). Make such activities return when interrupted, or raise "
					+ "durable.worker.timed-activity-threads");
			return;
		}
		if (state.compareAndSet(RUNNING, ABANDONED)) {
			int held = this.overrunning.incrementAndGet();
			future.cancel(true);
			logger.warn(what + " " + why + " and was interrupted; until it returns it "
					+ "holds its thread (" + held + " of " + this.threads + " timed-activity threads held by "
					+ "overrunning attempts)");
		}
	}

}
