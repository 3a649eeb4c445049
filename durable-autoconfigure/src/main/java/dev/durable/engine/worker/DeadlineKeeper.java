package dev.durable.engine.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.durable.engine.journal.WorkflowDeadlines;

/**
 * Cancels workflows past their deadline ({@code StartOptions.timeout}) on a thread of its own:
 * every poll interval it asks the store to request cancellation of the workflows whose deadline
 * passed, tells the runs of this node at once and wakes the workers for the waiting ones. Every
 * node with workers sweeps, so a deadline that passed while no node was up is honoured by the
 * first node to start.
 */
public class DeadlineKeeper extends PeriodicJob {

	private static final int BATCH = 100;

	private final WorkflowDeadlines store;

	private final Clock clock;

	private final Consumer<String> cancelRequested;

	private final Runnable wakeUp;

	/**
	 * Create the keeper.
	 * @param store where deadlines are kept
	 * @param clock the clock
	 * @param interval how often to look for passed deadlines
	 * @param cancelRequested tells this node's run of a workflow that its cancellation was requested
	 * @param wakeUp wakes this node's workers
	 */
	public DeadlineKeeper(WorkflowDeadlines store, Clock clock, Duration interval, Consumer<String> cancelRequested,
			Runnable wakeUp) {
		super("durable-deadlines", interval, true);
		this.store = store;
		this.clock = clock;
		this.cancelRequested = cancelRequested;
		this.wakeUp = wakeUp;
	}

	/**
	 * Request cancellation of every workflow past its deadline, batch by batch.
	 * @return how many workflows this call cancelled
	 */
	public int sweep() {
		int total = 0;
		List<String> cancelled;
		do {
			cancelled = this.store.cancelPastDeadlines(this.clock.instant(), BATCH);
			cancelled.forEach(this.cancelRequested);
			total += cancelled.size();
		}
		while (cancelled.size() == BATCH);
		if (total > 0) {
			this.wakeUp.run();
		}
		return total;
	}

	@Override
	void runOnce() {
		sweep();
	}

	@Override
	String failure() {
		return "Could not cancel workflows past their timeout";
	}

}
