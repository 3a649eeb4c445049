package dev.durable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fan-out survives {@code kill -9} of a real JVM in its middle: after the restart no activity
 * whose outcome was recorded runs again, every other one runs (under the idempotency key it had
 * before the kill), and the workflow's result is complete.
 */
@RunsBesideOtherTests
abstract class AbstractFanOutCrashIntegrationTests {

	private static final int COUNT = 100;

	@TempDir
	Path workDir;

	abstract List<String> databaseArguments(Path workDir);

	@Test
	void aFanOutKilledHalfwayRunsOnlyTheActivitiesWhoseOutcomeWasNotRecorded() throws Exception {
		String id = "fan-out-" + UUID.randomUUID();
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments(1))) {
			first.post("/test/fan-out/" + id + "?count=" + COUNT + "&millis=50", "");
			first.awaitBody("/actuator/workflows/" + id, (body) -> completed(body).size() >= COUNT / 2,
					Duration.ofSeconds(60));
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments(2))) {
			String done = second.awaitBody("/actuator/workflows/" + id,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(90));
			assertThat((Integer) JsonPath.read(done, "$.result")).isEqualTo(COUNT * (COUNT - 1) / 2);
			List<Map<String, Object>> runs = JsonPath.read(second.get("/test/fan-out/" + id + "/runs").body(), "$");
			List<Map<String, Object>> outputs = JsonPath.read(done, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].output");
			assertThat(outputs).as("one recorded outcome per future").hasSize(COUNT);
			Map<Integer, Integer> recordedBy = new HashMap<>();
			for (Map<String, Object> output : outputs) {
				recordedBy.put(((Number) output.get("index")).intValue(), ((Number) output.get("generation")).intValue());
			}
			Map<Integer, List<Integer>> ranIn = new HashMap<>();
			for (Map<String, Object> run : runs) {
				int index = ((Number) column(run, "idx")).intValue();
				ranIn.computeIfAbsent(index, (i) -> new ArrayList<>()).add(((Number) column(run, "generation")).intValue());
				assertThat((String) column(run, "run_key")).as("the idempotency key of future " + index + ", in every process")
					.isEqualTo(id + ":" + (index + 1));
			}
			int recordedBeforeKill = 0;
			int rerun = 0;
			for (int index = 0; index < COUNT; index++) {
				assertThat(recordedBy).as("future " + index + " recorded").containsKey(index);
				if (recordedBy.get(index) == 1) {
					recordedBeforeKill++;
					assertThat(ranIn.get(index)).as("future " + index + ", recorded before the kill").containsExactly(1);
				}
				else {
					assertThat(ranIn.get(index)).as("future " + index + ", not recorded before the kill").contains(2);
					rerun += ranIn.get(index).contains(1) ? 1 : 0;
				}
			}
			System.out.println("Fan-out crash: " + recordedBeforeKill + " recorded before the kill, " + rerun
					+ " begun before and run again after it");
			assertThat(recordedBeforeKill).isGreaterThanOrEqualTo(COUNT / 2);
		}
	}

	/** H2 names result columns in upper case, PostgreSQL in lower case. */
	private static Object column(Map<String, Object> row, String name) {
		Object value = row.get(name);
		return (value != null) ? value : row.get(name.toUpperCase(java.util.Locale.ROOT));
	}

	private static List<Object> completed(String body) {
		return JsonPath.read(body, "$.events[?(@.type == 'ACTIVITY_COMPLETED')]");
	}

	private List<String> arguments(int generation) {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.add("--durable.worker.lease-duration=3s");
		arguments.add("--durable.worker.async-activity-concurrency=4");
		arguments.add("--test.generation=" + generation);
		return arguments;
	}

}
