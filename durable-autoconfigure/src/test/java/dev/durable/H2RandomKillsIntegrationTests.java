package dev.durable;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.ChaosJournal;
import dev.durable.test.ChaosNode;
import dev.durable.test.FaultSettings;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.test.SteadyStarts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost on H2 either: one application process on an H2 file, with the URL a
 * user would write ({@code jdbc:h2:file:...;DB_CLOSE_ON_EXIT=FALSE}, no {@code WRITE_DELAY}), takes
 * workflow starts at a steady rate and is killed with {@code kill -9} at random moments, many times
 * in a row, and started again each time. After a drain every acknowledged start exists and
 * completed, each transactional step committed exactly once and every journal is the chaos
 * workflow's five events numbered 1 to 5.
 *
 * <p>While the node runs it alone can open the file, so the test follows the drain over its HTTP
 * and reads the rows only after the node has stopped. {@code -Ddurable.faults.kills=} sets the
 * number of kills and {@code -Ddurable.faults.seed=} replays a run's choices (see
 * {@link FaultSettings}).
 */
@RunsBesideOtherTests
class H2RandomKillsIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(2);

	private static final long SLEEP_MILLIS = 300;

	private static final Duration DRAIN = Duration.ofMinutes(3);

	// Kept when the test fails: the node's logs, one per start, and the database file.
	@TempDir(cleanup = CleanupMode.ON_SUCCESS)
	Path workDir;

	@Test
	// Above the default of 5 kills (each a restart of some seconds) and the drain; up to 40 kills fit.
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void nothingAcknowledgedIsLostWhenTheNodeIsKilledAgainAndAgain() throws Exception {
		FaultSettings settings = FaultSettings.fromSystemProperties(Duration.ZERO, 3, 4);
		assertThat(settings.kills()).as("durable.faults.kills within this test's @Timeout").isLessThanOrEqualTo(40);
		System.out.printf("Random kills on H2: seed %d (replay with -Ddurable.faults.seed=%d), %d kills%n",
				settings.seed(), settings.seed(), settings.kills());
		Random random = new Random(settings.seed());
		String url = "jdbc:h2:file:" + this.workDir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
		// The node sets no user either: Spring Boot gives 'sa' to in-memory databases only.
		ChaosJournal db = new ChaosJournal(url, "", "");
		// Before the node opens the file: an embedded H2 file has one process at a time.
		db.createStepTable();
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url));
		arguments.addAll(ChaosNode.commonArguments(LEASE));
		try (ChaosNode node = new ChaosNode("h2-node", this.workDir, arguments)) {
			node.start();
			Set<ChaosNode> live = ConcurrentHashMap.newKeySet();
			live.add(node);
			String prefix = "hk-" + Long.toHexString(settings.seed() & 0xffffff);
			SteadyStarts starts;
			try (SteadyStarts running = SteadyStarts.begin(prefix, settings.perSecond(), SLEEP_MILLIS,
					() -> List.copyOf(live), random.nextLong())) {
				starts = running;
				for (int kill = 1; kill <= settings.kills(); kill++) {
					// From just after the restart to a few seconds in, when runs and starts are under way.
					Thread.sleep(500 + random.nextInt(3500));
					live.remove(node);
					node.process().killHard();
					System.out.printf("Kill %d of %d%n", kill, settings.kills());
					node.start();
					live.add(node);
				}
				Thread.sleep(2000);
				running.stop();
			}
			long drainStarted = System.nanoTime();
			// One workflow at least; lost acknowledged starts are named by the final check.
			ChaosJournal.awaitAllCompleted(prefix, 1, DRAIN, () -> statuses(node, prefix), node::logTail);
			Duration drained = Duration.ofNanos(System.nanoTime() - drainStarted);
			node.process().stopGracefully(Duration.ofSeconds(30));

			Set<String> acknowledged = starts.acknowledged();
			db.assertNothingLostOrStuck(prefix, acknowledged);
			System.out.printf("Random kills on H2, seed %d: %d workflows started, %d acknowledged, %d recorded and "
					+ "completed; %d kill -9; drained in %.1f s%n", settings.seed(), starts.sent(), acknowledged.size(),
					db.statusCounts(prefix).getOrDefault("COMPLETED", 0), settings.kills(),
					drained.toMillis() / 1000.0);
			assertThat(acknowledged).as("acknowledged starts: the kills must leave the node able to work")
				.hasSizeGreaterThan(starts.sent() / 2);
		}
	}

	private static Map<String, Integer> statuses(ChaosNode node, String prefix) throws Exception {
		HttpResponse<String> response = node.process().get("/test/chaos/statuses?prefix=" + prefix);
		assertThat(response.statusCode()).as("status counts from %s: %s", node.name(), response.body()).isEqualTo(200);
		Map<String, Integer> counts = new LinkedHashMap<>();
		Map<String, Object> body = JsonPath.read(response.body(), "$");
		body.forEach((status, count) -> counts.put(status, ((Number) count).intValue()));
		return counts;
	}

}
