package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.FanOutLog;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database: a node whose workflow is parked on running activity
 * futures is paused past its lease, the other node takes the workflow over and runs the
 * activities again; when the paused node resumes, its activities finish, and the fence refuses
 * every one of their late records. The first node's activities are held (a file in the working
 * directory) so that they are still running when it is paused.
 */
@RunsBesideOtherTests
class PostgresFanOutFencingIntegrationTests {

	private static final int COUNT = 10;

	@TempDir
	Path workDir;

	@Test
	void lateRecordsOfAPausedNodesActivityFuturesAreRefusedAfterAnotherNodeTookOver() throws Exception {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		String id = "fenced-fan-out-" + UUID.randomUUID();
		Files.createFile(this.workDir.resolve(FanOutLog.HOLD));
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first",
				arguments(database, 1, "create"))) {
			// Started and parked on the first node, whose activities wait to be released.
			first.post("/test/fan-out/" + id + "?count=" + COUNT + "&millis=120000", "");
			first.awaitBody("/test/fan-out/" + id + "/runs",
					(body) -> ((List<?>) JsonPath.read(body, "$")).size() == COUNT, Duration.ofSeconds(30));
			first.awaitBody("/actuator/workflows/" + id, (body) -> "WAITING".equals(JsonPath.read(body, "$.status")),
					Duration.ofSeconds(30));
			try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second",
					arguments(database, 2, "none"))) {
				first.pause();
				second.awaitBody("/test/fan-out/" + id + "/runs", (body) -> ranIn(body, 2) == COUNT,
						Duration.ofSeconds(30));
				first.resume();
				Files.delete(this.workDir.resolve(FanOutLog.HOLD));
				int refused = awaitNotRecorded(first, COUNT);
				assertThat(refused).as("late outcomes of the paused node refused; its log:%n%s", first.logTail())
					.isEqualTo(COUNT);
				String done = second.awaitBody("/actuator/workflows/" + id,
						(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
				assertThat((Integer) JsonPath.read(done, "$.result")).isEqualTo(COUNT * (COUNT - 1) / 2);
				List<Integer> recordedBy = JsonPath.read(done,
						"$.events[?(@.type == 'ACTIVITY_COMPLETED')].output.generation");
				assertThat(recordedBy).as("each future recorded once, by the node that took over").hasSize(COUNT)
					.containsOnly(2);
				String runs = second.get("/test/fan-out/" + id + "/runs").body();
				assertThat(ranIn(runs, 1)).as("activities begun on the paused node").isEqualTo(COUNT);
				assertThat(ranIn(runs, 2)).as("activities run again on the node that took over").isEqualTo(COUNT);
			}
		}
	}

	private static int awaitNotRecorded(JvmProcess process, int expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int count = 0;
		while (System.nanoTime() < deadline) {
			count = (int) Files.readAllLines(process.log())
				.stream()
				.filter((line) -> line.contains("is not recorded (") && line.contains("FanOutLog.run"))
				.count();
			if (count >= expected) {
				break;
			}
			Thread.sleep(100);
		}
		return count;
	}

	private static int ranIn(String runs, int generation) {
		List<Map<String, Object>> rows = JsonPath.read(runs, "$");
		int count = 0;
		for (Map<String, Object> row : rows) {
			Object value = row.containsKey("generation") ? row.get("generation")
					: row.get("generation".toUpperCase(Locale.ROOT));
			count += (((Number) value).intValue() == generation) ? 1 : 0;
		}
		return count;
	}

	private static List<String> arguments(PostgresTestDatabase database, int generation, String ddl) {
		return List.of("--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + PostgresTestDatabase.USER, "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=" + ddl, "--durable.worker.lease-duration=3s",
				"--durable.worker.async-activity-concurrency=" + COUNT, "--test.generation=" + generation);
	}

}
