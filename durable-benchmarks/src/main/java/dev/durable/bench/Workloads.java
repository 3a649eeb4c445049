package dev.durable.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * W1, W2 and the IO windows, driven the same way for every {@link Target}.
 */
final class Workloads {

	/** How long closed sessions get to end and publish their counters. */
	private static final Duration STATS_SETTLE = Duration.ofMillis(500);

	private final BenchSettings settings;

	private final AtomicLong keys = new AtomicLong();

	Workloads(BenchSettings settings) {
		this.settings = settings;
	}

	/**
	 * W1 sequential: workflows of three activities, one after the other on one thread.
	 */
	Sequential sequential(Target target) throws Exception {
		for (int i = 0; i < this.settings.w1Warmup(); i++) {
			target.runWorkflow(key(), 3);
		}
		Samples latency = new Samples();
		long started = System.nanoTime();
		for (int i = 0; i < this.settings.w1Workflows(); i++) {
			long before = System.nanoTime();
			target.runWorkflow(key(), 3);
			latency.add(System.nanoTime() - before);
		}
		return new Sequential(latency, System.nanoTime() - started);
	}

	/**
	 * W1 concurrent: client threads run workflows of three activities back to back; only those
	 * that start and end inside the measured window count.
	 */
	Concurrent concurrent(Target target) throws Exception {
		int threads = this.settings.w1Threads();
		long warmupEnd = System.nanoTime() + this.settings.w1WarmupWindow().toNanos();
		long windowEnd = warmupEnd + this.settings.w1Window().toNanos();
		Samples latency = new Samples();
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(threads);
		List<Thread> clients = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread client = new Thread(() -> {
				try {
					while (failure.get() == null) {
						long before = System.nanoTime();
						if (before >= windowEnd) {
							return;
						}
						target.runWorkflow(key(), 3);
						long after = System.nanoTime();
						if (before >= warmupEnd && after <= windowEnd) {
							latency.add(after - before);
						}
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			}, "bench-client-" + t);
			clients.add(client);
			client.start();
		}
		done.await();
		if (failure.get() != null) {
			throw failure.get();
		}
		return new Concurrent(latency, this.settings.w1Window().toNanos(), threads);
	}

	/**
	 * W2: one workflow of many activities at a time; per repetition, the whole workflow's time
	 * (start and end included) divided by its activities.
	 */
	Samples perStep(Target target) throws Exception {
		int steps = this.settings.w2Steps();
		target.runWorkflow(key(), steps);
		Samples perStep = new Samples();
		for (int i = 0; i < this.settings.w2Repetitions(); i++) {
			long before = System.nanoTime();
			target.runWorkflow(key(), steps);
			perStep.add((System.nanoTime() - before) / steps);
		}
		return perStep;
	}

	/**
	 * Server-side IO of {@code workflows} workflows of {@code steps} activities: the commit, row and
	 * WAL counters across the run, less what an idle window of the same length and shape shows
	 * (the workers' poller, the harness's own reads, other sessions).
	 * @param perWorkflow whether to report per workflow, else per activity
	 */
	Io io(BenchDatabase database, Target target, int workflows, int steps, boolean perWorkflow) throws Exception {
		database.checkpoint();
		BenchDatabase.PgCounters start = quietCounters(database, target);
		for (int i = 0; i < workflows; i++) {
			target.runWorkflow(key(), steps);
		}
		BenchDatabase.PgCounters end = quietCounters(database, target);
		BenchDatabase.PgCounters busy = end.minus(start);
		sleep(Duration.ofNanos(busy.nanoTime()).minus(STATS_SETTLE));
		BenchDatabase.PgCounters idle = quietCounters(database, target).minus(end);
		return new Io(busy, idle, perWorkflow ? workflows : workflows * steps);
	}

	private static BenchDatabase.PgCounters quietCounters(BenchDatabase database, Target target) throws Exception {
		target.releaseConnections();
		sleep(STATS_SETTLE);
		return database.counters();
	}

	private String key() {
		return "k" + this.keys.incrementAndGet();
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * W1 sequential.
	 * @param latency per workflow
	 * @param elapsedNanos the whole measured run
	 */
	record Sequential(Samples latency, long elapsedNanos) {

		double perSecond() {
			return this.latency.size() / (this.elapsedNanos / 1e9);
		}

	}

	/**
	 * W1 concurrent.
	 * @param latency of the workflows inside the window
	 * @param windowNanos the window
	 * @param threads the client threads
	 */
	record Concurrent(Samples latency, long windowNanos, int threads) {

		double perSecond() {
			return this.latency.size() / (this.windowNanos / 1e9);
		}

	}

	/**
	 * Server counters over a measured window and an idle window of the same length.
	 * @param busy the measured window
	 * @param idle the idle window that follows it
	 * @param units the workflows or activities run in the measured window
	 */
	record Io(BenchDatabase.PgCounters busy, BenchDatabase.PgCounters idle, int units) {

		double commits() {
			return (this.busy.commits() - this.idle.commits()) / (double) this.units;
		}

		double rowsWritten() {
			return ((this.busy.inserted() + this.busy.updated() + this.busy.deleted())
					- (this.idle.inserted() + this.idle.updated() + this.idle.deleted())) / (double) this.units;
		}

		double walBytes() {
			return (this.busy.walBytes() - this.idle.walBytes()) / (double) this.units;
		}

		long otherSessions() {
			return this.busy.otherBusySessions() + this.idle.otherBusySessions();
		}

	}

}
