package dev.durable.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.WorkflowClaims;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Knows which claims this node's threads are running and renews their leases, so that a
 * workflow busy in a long activity is not taken over by another node. A step's record does not
 * extend the lease: the renewal, every third of the lease duration, is what keeps it, on every
 * node that runs workflows, whether its workers are on or it only makes direct calls.
 */
public class LeaseKeeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	// Keyed by claim, not by workflow id: two runs of one workflow can overlap on a node (one
	// ending while the next one starts), and neither may drop the other's entry.
	private final Set<ClaimedWorkflow> running = ConcurrentHashMap.newKeySet();

	private final Map<ClaimedWorkflow, WorkflowExecution> executions = new ConcurrentHashMap<>();

	// Parked runs: no thread, but activity futures still running here and recording under the claim.
	private final Map<ClaimedWorkflow, Runnable> parked = new ConcurrentHashMap<>();

	private final WorkflowClaims store;

	private final @Nullable Clock clock;

	private final Duration leaseDuration;

	private volatile @Nullable ScheduledExecutorService renewer;

	/**
	 * Create a keeper that renews only when asked ({@link #renew(Instant)}).
	 * @param store the claims to renew
	 */
	public LeaseKeeper(WorkflowClaims store) {
		this.store = store;
		this.clock = null;
		this.leaseDuration = Duration.ZERO;
	}

	/**
	 * Create a keeper that, once started, renews the leases of running claims every third of the
	 * lease duration.
	 * @param store the claims to renew
	 * @param clock the engine's clock
	 * @param leaseDuration how long a claim lasts without renewal
	 */
	public LeaseKeeper(WorkflowClaims store, Clock clock, Duration leaseDuration) {
		this.store = store;
		this.clock = clock;
		this.leaseDuration = leaseDuration;
	}

	@Override
	public void start() {
		Clock renewClock = this.clock;
		if (renewClock == null || this.renewer != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "durable-lease");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, this.leaseDuration.toMillis() / 3);
		scheduler.scheduleWithFixedDelay(() -> renewQuietly(renewClock), every, every, TimeUnit.MILLISECONDS);
		this.renewer = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.renewer;
		this.renewer = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.renewer != null;
	}

	/**
	 * Start before and stop after the workers, which finish their runs while leases still renew.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private void renewQuietly(Clock renewClock) {
		try {
			renew(renewClock.instant().plus(this.leaseDuration));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew workflow leases (" + ex + "); retrying");
		}
	}

	/**
	 * Count a claim as running on this node: its lease renews until {@link #untrack}.
	 * @param claim the claim
	 */
	public void track(ClaimedWorkflow claim) {
		this.running.add(claim);
	}

	/**
	 * Tell whether a thread of this node runs the workflow now (or is about to, handed it by a start).
	 * @param workflowId the workflow
	 * @return {@code true} if one does
	 */
	public boolean runsHere(String workflowId) {
		for (ClaimedWorkflow claim : this.running) {
			if (claim.workflowId().equals(workflowId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Stop counting a claim as running on this node.
	 * @param claim the claim
	 */
	public void untrack(ClaimedWorkflow claim) {
		this.running.remove(claim);
		this.executions.remove(claim);
	}

	/**
	 * Renew a parked run's lease until {@link #unpark}; run {@code onCancel} if its workflow is
	 * cancelled meanwhile.
	 */
	void keepParked(ClaimedWorkflow claim, Runnable onCancel) {
		this.parked.put(claim, onCancel);
	}

	void unpark(ClaimedWorkflow claim) {
		this.parked.remove(claim);
	}

	void attach(WorkflowExecution execution) {
		this.executions.put(execution.claim(), execution);
	}

	/**
	 * Tell every run of a workflow on this node that its cancellation was requested.
	 * @param workflowId the workflow
	 */
	public void cancelRequested(String workflowId) {
		for (WorkflowExecution execution : this.executions.values()) {
			if (execution.workflowId().equals(workflowId)) {
				execution.cancellation().request();
			}
		}
		this.parked.forEach((claim, onCancel) -> {
			if (claim.workflowId().equals(workflowId)) {
				onCancel.run();
			}
		});
	}

	/**
	 * Return the claims running now.
	 * @return a snapshot of the running claims
	 */
	public List<ClaimedWorkflow> running() {
		return List.copyOf(this.running);
	}

	/**
	 * Return the claims of the runs parked in a {@code DurableFuture.get()} whose activity futures
	 * still run here.
	 * @return a snapshot of the parked claims
	 */
	public List<ClaimedWorkflow> parked() {
		return List.copyOf(this.parked.keySet());
	}

	/**
	 * Extend every running claim's lease, and pass on cancellation requests made on other nodes.
	 * @param leaseUntil the new expiry
	 */
	public void renew(Instant leaseUntil) {
		List<ClaimedWorkflow> claims = new ArrayList<>(this.running);
		claims.addAll(this.parked.keySet());
		if (!claims.isEmpty()) {
			this.store.renewLeases(claims, leaseUntil).forEach(this::cancelRequested);
		}
	}

}
