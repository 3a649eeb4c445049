package dev.durable.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

	/** Turns the sides take in each interleaved workload. */
	private static final int ROUNDS = 10;

	/** Turns of W1 concurrent: fewer, so that the ramp-down at the end of each turn matters little. */
	private static final int CONCURRENT_ROUNDS = 4;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final BenchSettings settings;

	private final AtomicLong keys = new AtomicLong();

	Workloads(BenchSettings settings) {
		this.settings = settings;
	}

	/**
	 * W1 sequential: workflows of three activities, one after the other on one thread. Every side
	 * warms up first, then they take turns in rounds (A, B, C, C, B, A, ...) so that whatever else
	 * the machine does falls on all alike.
	 * @return one measurement per target, in the targets' order
	 */
	List<Sequential> sequential(List<Target> targets) throws Exception {
		for (Target target : targets) {
			for (int i = 0; i < this.settings.w1Warmup(); i++) {
				target.runWorkflow(key(), 3);
			}
		}
		List<Samples> latency = samples(targets.size());
		long[] elapsed = new long[targets.size()];
		int perRound = Math.max(1, this.settings.w1Workflows() / ROUNDS);
		for (int round = 0; round < ROUNDS; round++) {
			for (int side : order(round, targets.size())) {
				long started = System.nanoTime();
				for (int i = 0; i < perRound; i++) {
					long before = System.nanoTime();
					targets.get(side).runWorkflow(key(), 3);
					latency.get(side).add(System.nanoTime() - before);
				}
				elapsed[side] += System.nanoTime() - started;
			}
		}
		List<Sequential> results = new ArrayList<>();
		for (int side = 0; side < targets.size(); side++) {
			results.add(new Sequential(latency.get(side), elapsed[side]));
		}
		return results;
	}

	/**
	 * W1 concurrent: client threads run workflows of three activities back to back; only those
	 * that start and end inside a measured window count. Each side warms up once, then the sides
	 * take turns in rounds, each round a slice of the window.
	 * @return one measurement per target, in the targets' order
	 */
	List<Concurrent> concurrent(List<Target> targets) throws Exception {
		for (Target target : targets) {
			concurrentWindow(target, this.settings.w1WarmupWindow(), new Samples());
		}
		List<Samples> latency = samples(targets.size());
		long[] elapsed = new long[targets.size()];
		Duration slice = this.settings.w1Window().dividedBy(CONCURRENT_ROUNDS);
		for (int round = 0; round < CONCURRENT_ROUNDS; round++) {
			for (int side : order(round, targets.size())) {
				elapsed[side] += concurrentWindow(targets.get(side), slice, latency.get(side));
			}
		}
		int threads = this.settings.w1Threads();
		List<Concurrent> results = new ArrayList<>();
		for (int side = 0; side < targets.size(); side++) {
			results.add(new Concurrent(latency.get(side), elapsed[side], threads));
		}
		return results;
	}

	/**
	 * Run the client threads until the window closes; every workflow they complete counts, and the
	 * elapsed time runs until the last of them has ended.
	 */
	private long concurrentWindow(Target target, Duration window, Samples latency) throws Exception {
		int threads = this.settings.w1Threads();
		long windowStart = System.nanoTime();
		long windowEnd = windowStart + window.toNanos();
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread client = new Thread(() -> {
				try {
					while (failure.get() == null) {
						long before = System.nanoTime();
						if (before >= windowEnd) {
							return;
						}
						target.runWorkflow(key(), 3);
						latency.add(System.nanoTime() - before);
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			}, "bench-client-" + t);
			client.start();
		}
		done.await();
		if (failure.get() != null) {
			throw failure.get();
		}
		return System.nanoTime() - windowStart;
	}

	/**
	 * W2: one workflow of many activities at a time; per repetition, the whole workflow's time
	 * (start and end included) divided by its activities. One warm-up each, then the sides take
	 * turns.
	 * @return the per-step times of each target, in the targets' order
	 */
	List<Samples> perStep(List<Target> targets) throws Exception {
		int steps = this.settings.w2Steps();
		for (Target target : targets) {
			target.runWorkflow(key(), steps);
		}
		List<Samples> perStep = samples(targets.size());
		for (int round = 0; round < this.settings.w2Repetitions(); round++) {
			for (int side : order(round, targets.size())) {
				long before = System.nanoTime();
				targets.get(side).runWorkflow(key(), steps);
				perStep.get(side).add((System.nanoTime() - before) / steps);
			}
		}
		return perStep;
	}

	/**
	 * The order of the sides in a round: as given in even rounds, reversed in odd ones, so that no
	 * side always runs first or right after a particular other one.
	 */
	static int[] order(int round, int sides) {
		int[] order = new int[sides];
		for (int i = 0; i < sides; i++) {
			order[i] = (round % 2 == 0) ? i : sides - 1 - i;
		}
		return order;
	}

	private static List<Samples> samples(int sides) {
		List<Samples> samples = new ArrayList<>();
		for (int i = 0; i < sides; i++) {
			samples.add(new Samples());
		}
		return samples;
	}

	/**
	 * Server-side IO of {@code workflows} workflows of {@code steps} activities: the commit, row and
	 * WAL counters across the run, less what an idle window of the same length and shape shows
	 * (the workers' poller, the harness's own reads, other sessions). Before each read, every
	 * target's idle connections are closed: a session that stays open may publish its counters up
	 * to ten seconds late, into whichever window is open then.
	 * @param all every target whose sessions must be quiet when counters are read
	 * @param perWorkflow whether to report per workflow, else per activity
	 */
	Io io(BenchDatabase database, List<Target> all, Target target, int workflows, int steps, boolean perWorkflow)
			throws Exception {
		database.checkpoint();
		BenchDatabase.PgCounters start = quietCounters(database, all);
		long threadCpu = THREADS.getCurrentThreadCpuTime();
		long processCpu = processCpuNanos();
		long wall = System.nanoTime();
		for (int i = 0; i < workflows; i++) {
			target.runWorkflow(key(), steps);
		}
		long busyWall = System.nanoTime() - wall;
		long busyThreadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu;
		long busyProcessCpu = processCpuNanos() - processCpu;
		BenchDatabase.PgCounters end = quietCounters(database, all);
		BenchDatabase.PgCounters busy = end.minus(start);
		sleep(Duration.ofNanos(busy.nanoTime()).minus(STATS_SETTLE));
		BenchDatabase.PgCounters idle = quietCounters(database, all).minus(end);
		// The process's CPU is not netted against the idle window: JIT compilation and collection
		// left over from the side before land in either window and made the difference go negative.
		return new Io(busy, idle, new Cpu(busyWall, busyThreadCpu, busyProcessCpu),
				perWorkflow ? workflows : workflows * steps);
	}

	/** CPU time of the whole JVM process, every thread (the workers' too), or 0 where not available. */
	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return Math.max(0, os.getProcessCpuTime());
		}
		return 0;
	}

	private static BenchDatabase.PgCounters quietCounters(BenchDatabase database, List<Target> all) throws Exception {
		for (Target target : all) {
			target.releaseConnections();
		}
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
	 * @param latency of the workflows run in the windows
	 * @param windowNanos the windows, each until its last workflow ended
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
	 * @param cpu the time the measured runs took and the CPU they used
	 * @param units the workflows or activities run in the measured window
	 */
	record Io(BenchDatabase.PgCounters busy, BenchDatabase.PgCounters idle, Cpu cpu, int units) {

		double wallMicros() {
			return this.cpu.wallNanos() / 1e3 / this.units;
		}

		double serverMicros() {
			return (this.busy.activeMicros() - this.idle.activeMicros()) / (double) this.units;
		}

		double threadCpuMicros() {
			return this.cpu.threadCpuNanos() / 1e3 / this.units;
		}

		double processCpuMicros() {
			return this.cpu.processCpuNanos() / 1e3 / this.units;
		}


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

	/**
	 * Time and CPU of a measured run.
	 * @param wallNanos elapsed
	 * @param threadCpuNanos CPU of the thread that called the side (on the start path it waits
	 * while a worker runs the workflow)
	 * @param processCpuNanos CPU of the whole JVM process over the run: every thread, the workers,
	 * the pollers, JIT compilation and garbage collection included
	 */
	record Cpu(long wallNanos, long threadCpuNanos, long processCpuNanos) {
	}

}
