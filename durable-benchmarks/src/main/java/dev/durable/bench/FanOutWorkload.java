package dev.durable.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out (Durable only): one workflow runs {@code bench.fanout.activities} activities that sleep
 * {@code bench.fanout.sleep} each, started at once with {@code Workflow.async} and joined with
 * {@code DurableFuture.allOf}, against the same activities called one after the other; then both
 * again with activities that do not sleep, which gives the cost of an async step against a plain
 * one. One warm-up round, then measured rounds; each round runs the four workflows, in an order
 * that alternates between rounds so that whatever else the machine does falls on all alike.
 */
final class FanOutWorkload {

	private final BenchSettings settings;

	private final AtomicLong keys = new AtomicLong();

	FanOutWorkload(BenchSettings settings) {
		this.settings = settings;
	}

	Result run(DurableTarget target) {
		int count = this.settings.fanoutActivities();
		long millis = this.settings.fanoutSleep().toMillis();
		// in turn with sleep, at once with sleep, in turn without, at once without
		List<Samples> samples = List.of(new Samples(), new Samples(), new Samples(), new Samples());
		for (int round = 0; round <= this.settings.fanoutRepetitions(); round++) {
			int[] order = (round % 2 == 0) ? new int[] { 0, 1, 2, 3 } : new int[] { 3, 2, 1, 0 };
			for (int variant : order) {
				long nanos = target.fanOut("f" + this.keys.incrementAndGet(), variant % 2 == 1, count,
						(variant < 2) ? millis : 0);
				if (round > 0) {
					samples.get(variant).add(nanos);
				}
			}
		}
		return new Result(count, millis, samples.get(0), samples.get(1), samples.get(2), samples.get(3));
	}

	/**
	 * Wall times in nanoseconds, from the start of each workflow to its result.
	 * @param activities activities per workflow
	 * @param sleepMillis how long each activity of the timed pair sleeps
	 * @param inTurn the timed activities one after the other
	 * @param atOnce the timed activities at once
	 * @param plainSteps activities that do not sleep, one after the other
	 * @param asyncSteps activities that do not sleep, at once
	 */
	record Result(int activities, long sleepMillis, Samples inTurn, Samples atOnce, Samples plainSteps,
			Samples asyncSteps) {
	}

}
