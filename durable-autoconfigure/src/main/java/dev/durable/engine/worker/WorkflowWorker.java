package dev.durable.engine.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.EngineSettings;
import dev.durable.engine.run.LeaseKeeper;
import dev.durable.engine.run.ReservedRun;
import dev.durable.engine.run.WorkerDispatch;
import dev.durable.engine.run.WorkflowRunner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Claims due workflows in batches and runs them on a bounded pool (the {@link LeaseKeeper} renews
 * their leases), and runs at once the workflows this node's starts create already claimed; at
 * start-up recovers the workflows a crashed predecessor left running; at shutdown stops claiming,
 * lets running workflows finish within a bound and releases the rest.
 */
public class WorkflowWorker implements SmartLifecycle, WorkerDispatch {

	private static final Log logger = LogFactory.getLog(WorkflowWorker.class);

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

	private final EngineContext engine;

	private final WorkflowRunner runner;

	private final LeaseKeeper leases;

	private final QueuedClaims queued;

	private final Object monitor = new Object();

	private boolean wakeRequested;

	private final Object budgetLock = new Object();

	/** Threads the poller took for the claim under way and not yet given back; guarded by budgetLock. */
	private int claimBudget;

	private volatile boolean running;

	private @Nullable Semaphore slots;

	private @Nullable ExecutorService pool;

	private @Nullable Thread poller;

	/**
	 * Create the worker.
	 * @param engine the engine context
	 * @param runner runs claimed workflows
	 * @param leases the running claims
	 */
	public WorkflowWorker(EngineContext engine, WorkflowRunner runner, LeaseKeeper leases) {
		this.engine = engine;
		this.runner = runner;
		this.leases = leases;
		this.queued = new QueuedClaims(engine);
	}

	@Override
	public void start() {
		EngineSettings settings = this.engine.settings();
		recoverRunning(settings);
		this.slots = new Semaphore(settings.concurrency());
		this.pool = Executors.newFixedThreadPool(settings.concurrency(), threads("durable-worker-"));
		this.running = true;
		this.poller = threads("durable-poller-").newThread(this::poll);
		this.poller.start();
		logger.info("Durable worker started on node '" + settings.nodeId() + "' with " + settings.concurrency()
				+ " threads");
	}

	/**
	 * Make the workflows this node (or, on an embedded database, the previous process) was running
	 * due at once. A database that is away at this moment must not fail the application's start:
	 * the workflows then resume when their leases expire, as after any crash.
	 */
	private void recoverRunning(EngineSettings settings) {
		WorkflowStore store = this.engine.store();
		try {
			int recovered = store.recoverRunning(store.isEmbedded() ? null : settings.nodeId(), now());
			if (recovered > 0) {
				logger.info("Resuming " + recovered + " workflow(s) that were running when this application stopped");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not resume the workflows that were running when this application stopped (" + ex
					+ "); they resume once their leases expire (durable.worker.lease-duration)");
		}
	}

	@Override
	public void stop() {
		this.running = false;
		wakeUp();
		Thread currentPoller = this.poller;
		if (currentPoller != null) {
			currentPoller.interrupt();
			join(currentPoller);
		}
		ExecutorService currentPool = this.pool;
		if (currentPool != null) {
			currentPool.shutdown();
			if (!awaitTermination(currentPool, this.engine.settings().shutdownTimeout())) {
				releaseRunning();
				currentPool.shutdownNow();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void wakeUp() {
		synchronized (this.monitor) {
			this.wakeRequested = true;
			this.monitor.notifyAll();
		}
	}

	@Override
	public @Nullable ReservedRun reserve() {
		Semaphore free = this.slots;
		ExecutorService threads = this.pool;
		if (!this.running || free == null || threads == null || !reserveThread(free)) {
			return null;
		}
		return new ReservedRun() {

			@Override
			public void run(ClaimedWorkflow claim, LoadedWorkflow loaded) {
				// Tracked before the hand-off: its lease renews, and a thread awaiting it here waits in memory.
				WorkflowWorker.this.leases.track(claim);
				try {
					threads.execute(() -> WorkflowWorker.this.runner.run(claim, loaded, free::release));
				}
				catch (RuntimeException ex) {
					// Shutting down: the row stays claimed, and resumes when its lease expires or this node restarts.
					WorkflowWorker.this.leases.untrack(claim);
					free.release();
					logger.info("Workflow '" + claim.workflowId() + "' was started during shutdown; it resumes "
							+ "once its lease expires");
				}
			}

			@Override
			public void cancel() {
				free.release();
			}

		};
	}

	/**
	 * Take a free thread, or one the poller holds for a claim under way: it gives back only what
	 * its claim did not use, so a start made meanwhile does not miss a thread that is free.
	 */
	private boolean reserveThread(Semaphore free) {
		synchronized (this.budgetLock) {
			if (free.tryAcquire()) {
				return true;
			}
			if (this.claimBudget > 0) {
				this.claimBudget--;
				return true;
			}
			return false;
		}
	}

	private void poll() {
		Duration backoff = this.engine.settings().pollInterval();
		int failures = 0;
		while (this.running) {
			try {
				boolean more = claimAndDispatch();
				if (failures > 0) {
					// Say so, so that an operator reading the warnings knows the outage is over.
					logger.info("Claiming workflows again after " + failures + " failed attempt(s)");
					failures = 0;
				}
				backoff = this.engine.settings().pollInterval();
				if (!more) {
					sleepUntilWoken(this.engine.settings().pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				failures++;
				logger.warn("Could not claim workflows (" + ex + "); retrying in " + backoff);
				sleepQuietly(backoff);
				backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF
						: backoff.multipliedBy(2);
			}
		}
	}

	/**
	 * Claim as many due workflows as there are free threads and hand them to the pool.
	 * @return {@code true} if every free thread got work, so more may be due
	 */
	private boolean claimAndDispatch() throws InterruptedException {
		Semaphore free = this.slots;
		free.acquire();
		int limit;
		synchronized (this.budgetLock) {
			limit = 1 + free.drainPermits();
			this.claimBudget = limit;
		}
		List<ClaimedRun> claims;
		try {
			Instant now = now();
			Instant leaseUntil = now.plus(this.engine.settings().leaseDuration());
			claims = this.engine.store().claimDue(this.engine.settings().nodeId(), now, leaseUntil, limit);
			claims = this.queued.addTo(claims, now, leaseUntil, limit);
		}
		catch (RuntimeException ex) {
			free.release(takeBudget());
			throw ex;
		}
		int left = takeBudget();
		if (left >= claims.size()) {
			free.release(left - claims.size());
		}
		else {
			// Starts took threads of this claim's budget meanwhile: the claimed workflows wait for threads,
			// their leases renewing as if they ran (a shutdown meanwhile leaves them to their leases' expiry).
			for (ClaimedRun run : claims) {
				this.leases.track(run.claim());
			}
			free.acquire(claims.size() - left);
		}
		Instant claimedAt = now();
		for (ClaimedRun run : claims) {
			ClaimedWorkflow claim = run.claim();
			if (claim.dueAt() != null) {
				this.engine.events().workflowClaimed(claim.workflowId(), Duration.between(claim.dueAt(), claimedAt));
			}
			this.pool.execute(() -> this.runner.run(claim, run.loaded(), free::release));
		}
		return !claims.isEmpty() && claims.size() == limit;
	}

	private int takeBudget() {
		synchronized (this.budgetLock) {
			int left = this.claimBudget;
			this.claimBudget = 0;
			return left;
		}
	}

	private void sleepUntilWoken(Duration timeout) throws InterruptedException {
		synchronized (this.monitor) {
			if (!this.wakeRequested && this.running) {
				this.monitor.wait(Math.max(1, timeout.toMillis()));
			}
			this.wakeRequested = false;
		}
	}

	private void releaseRunning() {
		for (ClaimedWorkflow claim : this.leases.running()) {
			try {
				this.engine.store().release(claim, now());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not release workflow '" + claim.workflowId() + "' at shutdown (" + ex
						+ "); it resumes once its lease expires");
			}
		}
	}

	private Instant now() {
		return this.engine.clock().instant();
	}

	private static boolean awaitTermination(ExecutorService pool, Duration timeout) {
		try {
			return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
