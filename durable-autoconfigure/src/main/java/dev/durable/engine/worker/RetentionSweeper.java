package dev.durable.engine.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.durable.engine.journal.WorkflowCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes workflows that ended longer ago than the retention period, with their journals and
 * signals, in small batches on a thread of its own so that workers are never held up.
 */
public class RetentionSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RetentionSweeper.class);

	private final WorkflowCommands store;

	private final Clock clock;

	private final Duration retention;

	private final Duration interval;

	private final int batchSize;

	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Create the sweeper.
	 * @param store where ended workflows are deleted
	 * @param clock the clock
	 * @param retention how long ended workflows are kept
	 * @param interval how often to sweep
	 * @param batchSize the most workflows deleted per transaction
	 */
	public RetentionSweeper(WorkflowCommands store, Clock clock, Duration retention, Duration interval, int batchSize) {
		if (batchSize < 1) {
			throw new IllegalArgumentException("durable.retention.batch-size must be at least 1, was " + batchSize);
		}
		this.store = store;
		this.clock = clock;
		this.retention = retention;
		this.interval = interval;
		this.batchSize = batchSize;
	}

	/**
	 * Delete every workflow that ended before the retention period, batch by batch.
	 * @param now the current time
	 * @return how many workflows were deleted
	 */
	public int sweep(Instant now) {
		Instant endedBefore = now.minus(this.retention);
		int total = 0;
		int deleted;
		do {
			deleted = this.store.deleteEnded(endedBefore, this.batchSize);
			total += deleted;
		}
		while (deleted == this.batchSize);
		if (total > 0) {
			logger.info("Deleted " + total + " workflow(s) that ended before " + endedBefore);
		}
		return total;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "durable-retention");
			thread.setDaemon(true);
			return thread;
		});
		long every = this.interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void sweepQuietly() {
		try {
			sweep(this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete expired workflows (" + ex + "); trying again in " + this.interval);
		}
	}

}
