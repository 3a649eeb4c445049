package dev.durable.autoconfigure;

import java.time.Duration;

/**
 * {@code durable.worker.*}: the workers that claim and run workflows on this node.
 */
public class DurableWorkerProperties {

	/**
	 * Whether this node runs workflows; a node with workers disabled can still start them.
	 */
	private boolean enabled = true;

	/**
	 * Most workflows this node runs at once, each on its own thread while it executes.
	 */
	private int concurrency = 16;

	/**
	 * How often idle workers look for due workflows (timers, retries, other nodes' starts);
	 * starts on this node wake them at once.
	 */
	private Duration pollInterval = Duration.ofMillis(500);

	/**
	 * How long a node's claim on a running workflow lasts without renewal; after a crash,
	 * another node resumes the workflow once this has passed.
	 */
	private Duration leaseDuration = Duration.ofSeconds(30);

	/**
	 * How long shutdown waits for running workflows before releasing them to other nodes.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Waits up to this long (retry backoffs, short sleeps) keep the workflow's thread; longer
	 * ones suspend the workflow and free the thread.
	 */
	private Duration inThreadWaitLimit = Duration.ofSeconds(1);

	/**
	 * Most activity attempts with a timeout that run at once on this node (each on a thread
	 * of its own); an attempt that ignores the interrupt at its timeout keeps its thread until
	 * it returns, and is logged at WARN.
	 */
	private int timedActivityThreads = 64;

	/**
	 * How many activity futures (activities started with Workflow.async) run at once on this
	 * node, across all its workflows; more wait in line. A retry backoff of a future holds no
	 * thread.
	 */
	private int asyncActivityConcurrency = 32;

	/**
	 * Most runs in a row of one workflow that may stop without ending or waiting (a store
	 * error, a lost lease, a process that died during the run) before the workflow ends
	 * FAILED; retrying it through the actuator endpoint starts the count again.
	 */
	private int maxRunAttempts = 10;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getLeaseDuration() {
		return this.leaseDuration;
	}

	public void setLeaseDuration(Duration leaseDuration) {
		this.leaseDuration = leaseDuration;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Duration getInThreadWaitLimit() {
		return this.inThreadWaitLimit;
	}

	public void setInThreadWaitLimit(Duration inThreadWaitLimit) {
		this.inThreadWaitLimit = inThreadWaitLimit;
	}

	public int getAsyncActivityConcurrency() {
		return this.asyncActivityConcurrency;
	}

	public void setAsyncActivityConcurrency(int asyncActivityConcurrency) {
		this.asyncActivityConcurrency = asyncActivityConcurrency;
	}

	public int getTimedActivityThreads() {
		return this.timedActivityThreads;
	}

	public void setTimedActivityThreads(int timedActivityThreads) {
		this.timedActivityThreads = timedActivityThreads;
	}

	public int getMaxRunAttempts() {
		return this.maxRunAttempts;
	}

	public void setMaxRunAttempts(int maxRunAttempts) {
		this.maxRunAttempts = maxRunAttempts;
	}

}
