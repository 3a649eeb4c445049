package dev.durable.bench;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.durable.WorkflowClient;
import dev.durable.bench.app.BenchWorkflows;

/**
 * Fire and forget (Durable only): {@code bench.w1.threads} client threads call
 * {@code WorkflowClient.start} for W1's workflow of three activities and do not await it, as a
 * request handler that answers at once does, until {@code bench.fire.starts} have been started in
 * all. Reports how fast starts are acknowledged (from the first call to the last return) and how
 * long it takes until every one of those workflows has completed, detected by counting completed
 * rows with one query every {@link #POLL}. One unmeasured round of {@code bench.fire.warmup} starts
 * goes first.
 */
final class FireWorkload {

	/** How often completion is polled: the resolution of the completion time. */
	static final Duration POLL = Duration.ofMillis(50);

	private static final String TYPE = "BenchWorkflows.fire";

	/** How long the workers get to complete one round before the workload gives up. */
	private static final Duration PATIENCE = Duration.ofMinutes(10);

	private final BenchDatabase database;

	private final BenchSettings settings;

	FireWorkload(BenchDatabase database, BenchSettings settings) {
		this.database = database;
		this.settings = settings;
	}

	Result run(DurableTarget durable) throws Exception {
		if (this.settings.fireWarmup() > 0) {
			round(durable, this.settings.fireWarmup());
		}
		return round(durable, this.settings.fireStarts());
	}

	private Result round(DurableTarget durable, int count) throws Exception {
		WorkflowClient client = durable.client();
		BenchWorkflows workflows = durable.workflows();
		String run = UUID.randomUUID().toString().substring(0, 8);
		long completedBefore = completed();
		int threads = this.settings.w1Threads();
		AtomicInteger next = new AtomicInteger();
		AtomicLong lastAck = new AtomicLong(Long.MIN_VALUE);
		AtomicReference<Exception> failure = new AtomicReference<>();
		Samples startCall = new Samples();
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread starter = new Thread(() -> {
				try {
					go.await();
					int i;
					while (failure.get() == null && (i = next.getAndIncrement()) < count) {
						String id = "fire-" + run + "-" + i;
						long before = System.nanoTime();
						client.start(id, () -> workflows.fire(id));
						long acknowledged = System.nanoTime();
						startCall.add(acknowledged - before);
						lastAck.accumulateAndGet(acknowledged, Math::max);
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			}, "bench-fire-" + t);
			starter.start();
		}
		long first = System.nanoTime();
		go.countDown();
		done.await();
		if (failure.get() != null) {
			throw failure.get();
		}
		long deadline = first + PATIENCE.toNanos();
		long finished;
		while (true) {
			long seen = completed() - completedBefore;
			finished = System.nanoTime();
			if (seen >= count) {
				break;
			}
			if (finished > deadline) {
				throw new IllegalStateException("Only " + seen + " of " + count + " fire-and-forget workflows completed in "
						+ PATIENCE.toMinutes() + " minutes");
			}
			Workloads.sleep(POLL);
		}
		return new Result(count, threads, lastAck.get() - first, finished - first, startCall);
	}

	private long completed() throws Exception {
		return this.database.count("select count(*) from durable_workflow where type = '" + TYPE
				+ "' and status = 'COMPLETED'");
	}

	/**
	 * What the measured round of fire and forget measured.
	 * @param starts workflows started
	 * @param threads client threads calling {@code start}
	 * @param acknowledgedNanos from the first call to {@code start} until the last one returned
	 * @param completedNanos from the first call to {@code start} until a poll saw all completed
	 * @param startCall each call to {@code start}, until it returned
	 */
	record Result(int starts, int threads, long acknowledgedNanos, long completedNanos, Samples startCall) {

		double acknowledgedPerSecond() {
			return this.starts / (this.acknowledgedNanos / 1e9);
		}

		double completedPerSecond() {
			return this.starts / (this.completedNanos / 1e9);
		}

	}

}
