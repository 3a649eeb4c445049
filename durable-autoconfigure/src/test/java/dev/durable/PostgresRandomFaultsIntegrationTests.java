package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.FaultSettings;
import dev.durable.test.PrivatePostgresServer;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.test.SteadyStarts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing stuck, under random faults: three real application processes share one
 * private PostgreSQL server while workflows are started at a steady rate through a node chosen at
 * random, and at random moments a node is killed ({@code kill -9}) and started again, frozen with
 * {@code SIGSTOP} past its lease and resumed, restarted gracefully ({@code SIGTERM}), or the
 * database itself is crash-stopped (immediate mode) and started again. After a drain, every
 * acknowledged start completed, each transactional step committed exactly once and every journal
 * is the chaos workflow's five events numbered 1 to 5; nothing failed.
 *
 * <p>The defaults suit CI (45 seconds of faults); {@code -Ddurable.faults.duration=PT10M}
 * makes a long run and {@code -Ddurable.faults.seed=} replays the choices of a run (see
 * {@link FaultSettings}). A node comes back in the background, so the next fault may hit while
 * it starts; but one node at least stays up, and the database crashes only under running nodes:
 * the test looks for what faults lose or repeat, not for a cluster that cannot work at all.
 */
@RunsBesideOtherTests
class PostgresRandomFaultsIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final long SLEEP_MILLIS = 300;

	private static final Duration DRAIN = Duration.ofMinutes(3);

	private static final String FENCED = "no longer holds the claim";

	private final Path workDir = Path.of("target", "random-faults-" + Long.toHexString(System.nanoTime()))
		.toAbsolutePath();

	@Test
	// Above the default of 60 s of faults, start-ups and the drain; a long run of up to PT15M fits.
	@Timeout(value = 22, unit = TimeUnit.MINUTES)
	void nothingIsLostOrStuckWhenNodesAndTheDatabaseFailAtRandom() throws Exception {
		FaultSettings settings = FaultSettings.fromSystemProperties(Duration.ofSeconds(25), 0, 4);
		assertThat(settings.duration()).as("durable.faults.duration within this test's @Timeout")
			.isLessThanOrEqualTo(Duration.ofMinutes(15));
		System.out.printf("Random faults on PostgreSQL: seed %d (replay with -Ddurable.faults.seed=%d), %s of faults, "
				+ "logs in %s%n", settings.seed(), settings.seed(), settings.duration(), this.workDir);
		Random random = new Random(settings.seed());
		Files.createDirectories(this.workDir);
		try (PrivatePostgresServer server = PrivatePostgresServer.start(this.workDir)) {
			ChaosJournal db = new ChaosJournal(server.url(), server.user(), "");
			db.createStepTable();
			List<ChaosNode> nodes = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				// A short connection timeout lets a database crash reach the engine (and the
				// client, as a refused start) instead of every caller waiting in the pool.
				nodes.add(new ChaosNode("node-" + i, this.workDir, ChaosNode.postgresArguments(server.url(),
						server.user(), LEASE, "--spring.datasource.hikari.connection-timeout=1000")));
			}
			try {
				runFaultsAndCheck(settings, random, server, db, nodes);
			}
			finally {
				for (ChaosNode node : nodes) {
					node.close();
				}
			}
		}
	}

	private void runFaultsAndCheck(FaultSettings settings, Random random, PrivatePostgresServer server,
			ChaosJournal db, List<ChaosNode> nodes) throws Exception {
		ChaosNode.startAll(nodes);
		String prefix = "rf-" + Long.toHexString(settings.seed() & 0xffffff);
		Set<ChaosNode> live = ConcurrentHashMap.newKeySet();
		live.addAll(nodes);
		SteadyStarts starts;
		Map<Fault, Integer> faults;
		try (SteadyStarts running = SteadyStarts.begin(prefix, settings.perSecond(), SLEEP_MILLIS,
				() -> nodes.stream().filter(live::contains).toList(), random.nextLong())) {
			starts = running;
			faults = injectFaults(settings, random, server, nodes, live);
			running.stop();
		}
		long drainStarted = System.nanoTime();
		// One workflow at least; lost acknowledged starts are named by the final check.
		ChaosJournal.awaitAllCompleted(prefix, 1, DRAIN, () -> db.statusCounts(prefix),
				() -> db.describeNotCompleted(prefix) + ChaosNode.logs(nodes));
		Duration drained = Duration.ofNanos(System.nanoTime() - drainStarted);
		Set<String> acknowledged = starts.acknowledged();
		db.assertNothingLostOrStuck(prefix, acknowledged);
		int recorded = db.statusCounts(prefix).getOrDefault("COMPLETED", 0);
		System.out.printf("Random faults on PostgreSQL, seed %d, %s of faults: %d workflows started, %d acknowledged, "
				+ "%d recorded and completed; faults: %d kill -9, %d SIGSTOP past the lease, %d SIGTERM restart, "
				+ "%d database crash; %d late writes fenced; drained in %.1f s%n", settings.seed(), settings.duration(),
				starts.sent(), acknowledged.size(), recorded, faults.getOrDefault(Fault.KILL, 0),
				faults.getOrDefault(Fault.PAUSE, 0), faults.getOrDefault(Fault.TERM, 0),
				faults.getOrDefault(Fault.DATABASE_CRASH, 0), FaultSettings.countInLogs(this.workDir, FENCED),
				drained.toMillis() / 1000.0);
		assertThat(acknowledged).as("acknowledged starts: the faults must leave the cluster able to work")
			.hasSizeGreaterThan(starts.sent() / 2);
	}

	private static Map<Fault, Integer> injectFaults(FaultSettings settings, Random random,
			PrivatePostgresServer server, List<ChaosNode> nodes, Set<ChaosNode> live) throws Exception {
		Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
		long end = System.nanoTime() + settings.duration().toNanos();
		try (Recoveries recoveries = new Recoveries(live)) {
			while (System.nanoTime() < end) {
				Thread.sleep(1000 + random.nextInt(4000));
				Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
				int choice = random.nextInt(nodes.size());
				long delay = random.nextInt(2000);
				if (fault == Fault.DATABASE_CRASH) {
					// A node that starts while the database is down cannot initialise and exits; that
					// is a test of its own. Here the database fails under running nodes.
					recoveries.awaitAll();
				}
				else {
					// At least one node stays up to take starts and the others' workflows.
					recoveries.awaitLiveAtLeast(2);
				}
				List<ChaosNode> candidates = nodes.stream().filter(live::contains).toList();
				ChaosNode node = candidates.get(choice % candidates.size());
				System.out.printf("Fault %d at %ds: %s%s%n", faults.values().stream().mapToInt(Integer::intValue).sum()
						+ 1, settings.duration().minusNanos(end - System.nanoTime()).toSeconds(), fault,
						(fault != Fault.DATABASE_CRASH) ? " on " + node.name() : "");
				inject(fault, node, server, recoveries, delay);
				faults.merge(fault, 1, Integer::sum);
			}
			recoveries.awaitAll();
		}
		return faults;
	}

	/**
	 * Inject one fault; a node comes back in the background (a restart takes seconds), so that the
	 * next fault may hit while it starts. The node is out of the starters' choice meanwhile, as a load
	 * balancer takes out a node whose health check fails.
	 */
	private static void inject(Fault fault, ChaosNode node, PrivatePostgresServer server, Recoveries recoveries,
			long delayMillis) throws Exception {
		if (fault != Fault.DATABASE_CRASH) {
			assertThat(node.isRunning()).as("%s, live, exited on its own; its log:%s", node.name(), node.logTail())
				.isTrue();
		}
		switch (fault) {
			case KILL -> {
				recoveries.takeOut(node);
				node.process().killHard();
				recoveries.bringBack(node, () -> {
					Thread.sleep(delayMillis);
					node.start();
				});
			}
			case PAUSE -> {
				recoveries.takeOut(node);
				node.process().pause();
				// Past its lease, so that other nodes take its workflows over and its late writes meet the fence.
				recoveries.bringBack(node, () -> {
					Thread.sleep(LEASE.toMillis() * 2 + delayMillis);
					node.process().resume();
				});
			}
			case TERM -> {
				recoveries.takeOut(node);
				recoveries.bringBack(node, () -> {
					node.process().stopGracefully(Duration.ofSeconds(30));
					node.start();
				});
			}
			case DATABASE_CRASH -> {
				server.crash();
				Thread.sleep(1000 + delayMillis * 2);
				server.startAgain();
			}
		}
	}

	/**
	 * The nodes that are live, and the recoveries of the others under way.
	 */
	private static final class Recoveries implements AutoCloseable {

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final Set<ChaosNode> live;

		private final List<Future<?>> pending = new ArrayList<>();

		Recoveries(Set<ChaosNode> live) {
			this.live = live;
		}

		void takeOut(ChaosNode node) {
			this.live.remove(node);
		}

		void bringBack(ChaosNode node, Recovery recovery) {
			this.pending.add(this.executor.submit(() -> {
				recovery.run();
				this.live.add(node);
				return null;
			}));
		}

		void awaitLiveAtLeast(int count) throws Exception {
			while (this.live.size() < count) {
				awaitOne();
			}
		}

		void awaitAll() throws Exception {
			while (!this.pending.isEmpty()) {
				awaitOne();
			}
		}

		@Override
		public void close() {
			this.executor.shutdownNow();
		}

		private void awaitOne() throws Exception {
			Future<?> first = this.pending.remove(0);
			try {
				first.get(5, TimeUnit.MINUTES);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A node did not come back: " + ex.getCause().getMessage(),
						ex.getCause());
			}
		}

	}

	/** Brings a node back. */
	@FunctionalInterface
	private interface Recovery {

		void run() throws Exception;

	}

	/** The faults this test injects. */
	private enum Fault {

		/** {@code kill -9} of a node, started again after up to two seconds. */
		KILL,

		/** {@code SIGSTOP} of a node for two leases and up to two seconds more, then {@code SIGCONT}. */
		PAUSE,

		/** {@code SIGTERM} of a node (graceful shutdown), started again at once. */
		TERM,

		/** PostgreSQL stopped in immediate mode, started again after one to five seconds. */
		DATABASE_CRASH

	}

}
