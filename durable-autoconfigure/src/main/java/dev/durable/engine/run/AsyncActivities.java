package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.ActivityFailedException;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.retry.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The node's bounded pool of activity futures ({@code durable.worker.async-activity-concurrency}
 * threads): each attempt runs on it and records its outcome through the run's fenced journal
 * writes. A retry backoff holds no thread: the next attempt is scheduled, and submitted to the
 * pool when its time comes.
 */
public final class AsyncActivities implements AutoCloseable {

	private final ThreadPoolExecutor pool;

	private final ScheduledExecutorService timers;

	/**
	 * Create the pool.
	 * @param concurrency how many activity futures run at once on this node
	 */
	public AsyncActivities(int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException(
					"durable.worker.async-activity-concurrency must be at least 1, was " + concurrency);
		}
		AtomicInteger threads = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> daemon(task, "durable-async-" + threads.incrementAndGet()));
		this.pool.allowCoreThreadTimeOut(true);
		this.timers = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "durable-async-timer"));
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	void start(ActivityFuture<?> future, int attempt, @Nullable Instant at) {
		if (at == null) {
			this.pool.execute(() -> run(future, attempt));
		}
		else {
			schedule(() -> this.pool.execute(() -> run(future, attempt)), at, future.execution().now());
		}
	}

	/**
	 * Run a task at an instant of the engine's clock, on the timer thread; it must be short.
	 */
	void schedule(Runnable task, Instant at, Instant now) {
		Duration delay = Duration.between(now, at);
		this.timers.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	private void run(ActivityFuture<?> future, int attempt) {
		WorkflowExecution execution = future.execution();
		if (execution.writer().isClosed()) {
			future.abandon(new IllegalStateException("The run of workflow '" + execution.workflowId() + "' ended"));
			return;
		}
		try {
			ActivityInvoker.Outcome outcome = future.invoker()
				.attemptObserved(execution, future.activity(), future.invocation(), future.step(), attempt,
						future.input());
			Throwable failure = outcome.failure();
			if (failure == null) {
				future.complete(outcome.result());
				return;
			}
			if (this.pool.isShutdown()) {
				// Interrupted because the application stops: no failed attempt of the activity.
				future.abandon(new IllegalStateException("The application stopped during activity '"
						+ future.activity().name() + "' of workflow '" + execution.workflowId() + "'"));
				return;
			}
			failed(future, attempt, failure, outcome.began());
		}
		catch (RunAbandonedError | LeaseLostException ex) {
			future.abandon(ex);
		}
		catch (RuntimeException ex) {
			future.fail(ex);
		}
	}

	private void failed(ActivityFuture<?> future, int attempt, Throwable failure, @Nullable Instant began) {
		RetryPolicy policy = future.invoker().policyFor(future.activity());
		Instant nextAttempt;
		try {
			nextAttempt = FailedAttempts.record(future.execution(), policy, future.step(), future.activity().name(),
					attempt, future.input(), failure, began);
		}
		catch (ActivityFailedException ex) {
			future.fail(ex);
			return;
		}
		start(future, attempt + 1, nextAttempt);
	}

	/**
	 * Stop with the application: running attempts are interrupted, scheduled ones dropped; the
	 * workflows run them again when they next run.
	 */
	@Override
	public void close() {
		this.timers.shutdownNow();
		this.pool.shutdownNow();
	}

}
