package dev.durable.test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.durable.testapp.ChaosController;

/**
 * Starts chaos workflows at a steady rate while a fault test breaks things: one workflow per HTTP
 * request, each through a node chosen at random among those the test calls live, and records
 * which starts were acknowledged (answered 200). Only those count as promised to the client; a
 * start whose answer was lost may or may not have been recorded.
 *
 * <p>Requests run on a small pool, so that one that hangs on a node frozen a moment after it was
 * chosen (until the HTTP timeout) does not hold up the steady rate.
 */
public final class SteadyStarts implements AutoCloseable {

	private final String prefix;

	private final long sleepMillis;

	private final Supplier<List<ChaosNode>> live;

	// Used by the ticker thread only.
	private final Random random;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService requests = Executors.newFixedThreadPool(8);

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger noLiveNode = new AtomicInteger();

	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

	private SteadyStarts(String prefix, long sleepMillis, Supplier<List<ChaosNode>> live, long seed) {
		this.prefix = prefix;
		this.sleepMillis = sleepMillis;
		this.live = live;
		this.random = new Random(seed);
	}

	/**
	 * Start sending.
	 * @param prefix the prefix of the workflow ids
	 * @param perSecond how many starts a second
	 * @param sleepMillis the workflows' durable sleep
	 * @param live the nodes to send to now
	 * @param seed the seed of the choice of nodes
	 * @return the running starter
	 */
	public static SteadyStarts begin(String prefix, double perSecond, long sleepMillis,
			Supplier<List<ChaosNode>> live, long seed) {
		SteadyStarts starts = new SteadyStarts(prefix, sleepMillis, live, seed);
		long periodMicros = Math.round(1_000_000 / perSecond);
		starts.ticker.scheduleAtFixedRate(starts::sendOne, 0, periodMicros, TimeUnit.MICROSECONDS);
		return starts;
	}

	private void sendOne() {
		List<ChaosNode> nodes = this.live.get();
		if (nodes.isEmpty()) {
			this.noLiveNode.incrementAndGet();
			return;
		}
		ChaosNode node = nodes.get(this.random.nextInt(nodes.size()));
		int number = this.sent.incrementAndGet();
		this.requests.execute(() -> {
			if (node.tryStartWorkflows(this.prefix, number, 1, this.sleepMillis)) {
				this.acknowledged.add(ChaosController.id(this.prefix, number));
			}
		});
	}

	/**
	 * Stop sending and wait for the answers of the requests under way.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void stop() throws InterruptedException {
		this.ticker.shutdownNow();
		this.ticker.awaitTermination(10, TimeUnit.SECONDS);
		this.requests.shutdown();
		// Longer than the HTTP timeout: every request ends with an answer or without one.
		if (!this.requests.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Start requests still under way 30 s after the last was sent");
		}
	}

	/**
	 * Return how many starts were sent.
	 * @return the number of requests
	 */
	public int sent() {
		return this.sent.get();
	}

	/**
	 * Return how many times no node was live when a start was due (it was not sent).
	 * @return the number of skipped starts
	 */
	public int skipped() {
		return this.noLiveNode.get();
	}

	/**
	 * Return the ids of the acknowledged starts.
	 * @return the ids, sorted
	 */
	public Set<String> acknowledged() {
		return new TreeSet<>(this.acknowledged);
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
		this.requests.shutdownNow();
	}

}
