package dev.durable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A durable timer survives {@code kill -9} of a real JVM: after the restart the workflow
 * completes when the timer was due, waiting only for what was left.
 */
abstract class AbstractTimerCrashIntegrationTests {

	private static final long SLEEP_MILLIS = 10_000;

	@TempDir
	Path workDir;

	abstract List<String> databaseArguments(Path workDir);

	@Test
	void aTimerCompletesOnScheduleAfterTheProcessIsKilledDuringTheWait() throws Exception {
		String id = "timer-" + UUID.randomUUID();
		Instant fireAt;
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments())) {
			first.post("/test/sleepy/" + id + "?millis=" + SLEEP_MILLIS, "");
			String waiting = first.awaitBody("/actuator/workflows/" + id,
					(body) -> "WAITING".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(30));
			List<String> timers = JsonPath.read(waiting, "$.events[?(@.type == 'TIMER_STARTED')].output");
			fireAt = Instant.parse(timers.get(0));
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments())) {
			Instant restarted = Instant.now();
			String done = second.awaitBody("/actuator/workflows/" + id,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
			Instant completed = Instant.parse(JsonPath.read(done, "$.updatedAt"));
			assertThat(completed).as("completion, not before the timer was due").isAfterOrEqualTo(fireAt);
			assertThat(completed).as("completion, not a full period after the restart")
				.isBefore(restarted.plusMillis(SLEEP_MILLIS));
			assertThat((Integer) JsonPath.read(done, "$.result")).isEqualTo((int) SLEEP_MILLIS);
			List<String> timers = JsonPath.read(done, "$.events[?(@.type == 'TIMER_STARTED')].output");
			assertThat(timers).as("the timer was started once, not again after the restart").hasSize(1);
		}
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.add("--durable.worker.lease-duration=3s");
		return arguments;
	}

}
