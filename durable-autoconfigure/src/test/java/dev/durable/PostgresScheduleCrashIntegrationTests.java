package dev.durable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durable.scheduleapp.ScheduleApplication;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule on two real nodes sharing PostgreSQL, one of them killed with {@code kill -9} halfway:
 * every fire time of the window started exactly one workflow, whichever node fired it.
 */
class PostgresScheduleCrashIntegrationTests {

	private static final String EVERY_SECOND = "Ticks.everySecond";

	@TempDir
	Path workDir;

	@Test
	void everyFireTimeRunsOnceAcrossTwoNodesWhenOneIsKilledHalfway() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		Instant windowStart;
		Instant windowEnd;
		try (JvmProcess first = JvmProcess.startMain(ScheduleApplication.class, this.workDir, "first",
				arguments(database, "first"));
				JvmProcess second = JvmProcess.startMain(ScheduleApplication.class, this.workDir, "second",
						arguments(database, "second"))) {
			windowStart = Instant.now().plusSeconds(1);
			Thread.sleep(4000);
			first.killHard();
			Thread.sleep(5000);
			windowEnd = Instant.now().minusSeconds(1);
			second.stopGracefully(Duration.ofSeconds(30));
		}
		List<Instant> fired = fireTimes(database);
		List<Instant> window = fired.stream()
			.filter((fire) -> !fire.isBefore(windowStart) && !fire.isAfter(windowEnd))
			.toList();
		Instant expected = window.get(0);
		assertThat(expected).as("first fire time of the window").isBefore(windowStart.plusSeconds(2));
		for (Instant fire : window) {
			assertThat(fire).as("each second of the window, once").isEqualTo(expected);
			expected = expected.plusSeconds(1);
		}
		assertThat(expected).as("the window's fire times reach its end").isAfter(windowEnd.minusSeconds(1));
		database.drop();
	}

	private static List<String> arguments(PostgresTestDatabase database, String node) {
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.USER, "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=none", "--durable.node-id=" + node,
				"--durable.worker.lease-duration=3s");
	}

	private static List<Instant> fireTimes(PostgresTestDatabase database) throws Exception {
		List<Instant> fired = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(database.url(), PostgresTestDatabase.USER, null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select id from durable_workflow where type = '" + EVERY_SECOND + "' order by id")) {
			while (rows.next()) {
				String id = rows.getString(1);
				fired.add(Instant.parse(id.substring(id.indexOf('@') + 1)));
			}
		}
		fired.sort(null);
		return fired;
	}

}
