package dev.durable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.durable.scheduleapp.ScheduleApplication;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.RunsBesideOtherTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules on real nodes sharing PostgreSQL (issue 18). Three schedules every two seconds, one per
 * missed policy, and one every second, on two nodes for 20 s with one of them killed with
 * {@code kill -9} halfway: every fire time of the window started exactly one workflow, whichever
 * node fired it. Then the other node is killed too, both stay down for 10 s and one restarts:
 * {@code RUN_ALL} starts one workflow per fire time that passed meanwhile, oldest first,
 * {@code RUN_ONCE} one for the latest of them, {@code SKIP} none for those that passed more than a
 * period before the restart fired; and every schedule then fires on time again.
 *
 * <p>Expectations come from when the nodes were really down, not from the planned sleeps: fire
 * times within a second of a kill may have been fired or missed, either way is right.
 */
@RunsBesideOtherTests
class PostgresScheduleCrashIntegrationTests {

	private static final String EVERY_SECOND = "Ticks.everySecond";

	private static final String RUN_ONCE = "EveryTwoSeconds.runOnce";

	private static final String RUN_ALL = "EveryTwoSeconds.runAll";

	private static final String SKIP = "EveryTwoSeconds.skip";

	private static final Duration PERIOD = Duration.ofSeconds(2);

	private static final Duration EDGE = Duration.ofSeconds(1);

	@TempDir
	Path workDir;

	@Test
	void everyFireTimeRunsOnceAcrossTwoNodesAndEachMissedPolicyCatchesUpAfterBothWereDown() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		Instant windowStart;
		Instant downAt;
		Instant restartAt;
		Instant upAt;
		Instant endAt;
		try (JvmProcess first = JvmProcess.startMain(ScheduleApplication.class, this.workDir, "first",
				arguments(database, "first"));
				JvmProcess second = JvmProcess.startMain(ScheduleApplication.class, this.workDir, "second",
						arguments(database, "second"))) {
			windowStart = Instant.now().plus(EDGE);
			Thread.sleep(10_000);
			first.killHard();
			Thread.sleep(10_000);
			downAt = Instant.now();
			second.killHard();
		}
		Thread.sleep(10_000);
		restartAt = Instant.now();
		try (JvmProcess restarted = JvmProcess.startMain(ScheduleApplication.class, this.workDir, "first-restarted",
				arguments(database, "first"))) {
			upAt = Instant.now();
			Thread.sleep(8_000);
			endAt = Instant.now();
			restarted.stopGracefully(Duration.ofSeconds(30));
		}
		List<Fired> fired = fired(database);
		String when = " (both down " + downAt + ", restart launched " + restartAt + ", up " + upAt + ")";

		// The window with a node up: every fire time exactly once, on each schedule.
		Instant windowEnd = downAt.minus(EDGE);
		assertThat(Duration.between(windowStart, windowEnd)).as("window").isGreaterThan(Duration.ofSeconds(15));
		for (String type : List.of(RUN_ONCE, RUN_ALL, SKIP)) {
			assertThat(fireTimes(fired, type, windowStart, windowEnd)).as(type + " while a node was up" + when)
				.containsExactlyElementsOf(grid(windowStart, windowEnd, PERIOD));
		}
		assertThat(fireTimes(fired, EVERY_SECOND, windowStart, windowEnd)).as(EVERY_SECOND + " while a node was up")
			.containsExactlyElementsOf(grid(windowStart, windowEnd, Duration.ofSeconds(1)));

		// Both down from downAt until the restarted node first fired; the fire times from a second
		// after downAt to the restart's launch surely passed with no node up.
		List<Fired> caughtUp = fired.stream()
			.filter((fire) -> fire.type().equals(RUN_ALL) && fire.createdAt().isAfter(restartAt))
			.filter((fire) -> fire.fireTime().isBefore(restartAt))
			.sorted(Comparator.comparing(Fired::fireTime))
			.toList();
		Instant firstFiring = fired.stream()
			.filter((fire) -> fire.createdAt().isAfter(restartAt))
			.map(Fired::createdAt)
			.min(Comparator.naturalOrder())
			.orElseThrow();
		Instant missedFrom = downAt.plus(EDGE);
		List<Instant> missed = grid(missedFrom, restartAt, PERIOD);
		assertThat(missed).as("fire times while both nodes were down").hasSizeGreaterThanOrEqualTo(4);

		// RUN_ALL: every fire time from the window's start to the end, none missing; those that passed
		// while both were down started by the restarted node, oldest first.
		assertThat(fireTimes(fired, RUN_ALL, windowStart, endAt.minus(EDGE))).as(RUN_ALL + " throughout")
			.containsExactlyElementsOf(grid(windowStart, endAt.minus(EDGE), PERIOD));
		assertThat(caughtUp).extracting(Fired::fireTime).as(RUN_ALL + " caught up" + when).containsAll(missed);
		assertThat(caughtUp).extracting(Fired::createdAt)
			.as(RUN_ALL + " caught up oldest first")
			.isSortedAccordingTo(Comparator.naturalOrder())
			.doesNotHaveDuplicates();

		// RUN_ONCE: of the fire times that passed while down, one workflow, for the latest of them.
		Fired once = fired.stream()
			.filter((fire) -> fire.type().equals(RUN_ONCE) && fire.createdAt().isAfter(restartAt))
			.min(Comparator.comparing(Fired::createdAt))
			.orElseThrow();
		assertThat(once.fireTime()).as(RUN_ONCE + " the latest fire time that had passed" + when)
			.isAfterOrEqualTo(missed.get(missed.size() - 1))
			.isBeforeOrEqualTo(once.createdAt())
			.isAfter(once.createdAt().minus(PERIOD).minusMillis(100));
		assertThat(fireTimes(fired, RUN_ONCE, missedFrom, once.fireTime())).as(RUN_ONCE + " after the downtime" + when)
			.containsExactly(once.fireTime());

		// SKIP: nothing for the fire times that passed while down, bar the latest if still on time.
		assertThat(fireTimes(fired, SKIP, missedFrom, firstFiring.minus(PERIOD))).as(SKIP + " after the downtime" + when)
			.isEmpty();

		// and what it started after the restart was on time: passed less than the documented one
		// second (two 500 ms poll intervals) before, give or take the firing's own 200 ms.
		assertThat(fired).filteredOn((fire) -> fire.type().equals(SKIP) && fire.createdAt().isAfter(restartAt))
			.as(SKIP + " on time only" + when)
			.allSatisfy((fire) -> assertThat(fire.createdAt()).isBefore(fire.fireTime().plusMillis(1200)));

		// And each schedule fires on time again, from the restarted node's first firing on (it may
		// fire before the node answers HTTP).
		for (String type : List.of(RUN_ONCE, RUN_ALL, SKIP)) {
			assertThat(fireTimes(fired, type, firstFiring, endAt.minus(EDGE))).as(type + " after the restart" + when)
				.hasSizeGreaterThanOrEqualTo(2)
				.containsExactlyElementsOf(grid(firstFiring, endAt.minus(EDGE), PERIOD));
		}
		database.drop();
	}

	private static List<String> arguments(PostgresTestDatabase database, String node) {
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.USER, "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=none", "--durable.node-id=" + node,
				"--durable.worker.lease-duration=3s", "--schedule-app.every-two-seconds=true");
	}

	/**
	 * The fire times of a schedule's workflows from one instant to another, both included, in order.
	 */
	private static List<Instant> fireTimes(List<Fired> fired, String type, Instant from, Instant to) {
		return fired.stream()
			.filter((fire) -> fire.type().equals(type))
			.map(Fired::fireTime)
			.filter((fire) -> !fire.isBefore(from) && !fire.isAfter(to))
			.sorted()
			.toList();
	}

	/**
	 * Every whole multiple of a period since the epoch from one instant to another, both included.
	 */
	private static List<Instant> grid(Instant from, Instant to, Duration period) {
		long step = period.toMillis();
		long first = Math.floorDiv(from.toEpochMilli() + step - 1, step) * step;
		List<Instant> grid = new ArrayList<>();
		for (long at = first; at <= to.toEpochMilli(); at += step) {
			grid.add(Instant.ofEpochMilli(at));
		}
		return grid;
	}

	private static List<Fired> fired(PostgresTestDatabase database) throws Exception {
		List<Fired> fired = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(database.url(), PostgresTestDatabase.USER, null);
				PreparedStatement statement = connection
					.prepareStatement("select id, type, created_at from durable_workflow where id like '%@%'");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				String id = rows.getString(1);
				fired.add(new Fired(rows.getString(2), Instant.parse(id.substring(id.indexOf('@') + 1)),
						rows.getTimestamp(3).toInstant()));
			}
		}
		return fired;
	}

	/**
	 * A scheduled workflow: its type, the fire time its id names, and when it was created.
	 */
	private record Fired(String type, Instant fireTime, Instant createdAt) {
	}

}
