package dev.durable.engine.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.durable.engine.journal.WorkflowCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Deletes workflows that ended longer ago than the retention period, with their journals and
 * signals, in small batches on a thread of its own so that workers are never held up.
 */
public class RetentionSweeper extends PeriodicJob {

	private static final Log logger = LogFactory.getLog(RetentionSweeper.class);

	private final WorkflowCommands store;

	private final Clock clock;

	private final Duration retention;

	private final int batchSize;

	/**
	 * Create the sweeper.
	 * @param store where ended workflows are deleted
	 * @param clock the clock
	 * @param retention how long ended workflows are kept
	 * @param interval how often to sweep
	 * @param batchSize the most workflows deleted per transaction
	 */
	public RetentionSweeper(WorkflowCommands store, Clock clock, Duration retention, Duration interval, int batchSize) {
		super("durable-retention", interval, false);
		if (batchSize < 1) {
			throw new IllegalArgumentException("durable.retention.batch-size must be at least 1, was " + batchSize);
		}
		this.store = store;
		this.clock = clock;
		this.retention = retention;
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
	void runOnce() {
		sweep(this.clock.instant());
	}

	@Override
	String failure() {
		return "Could not delete expired workflows";
	}

}
