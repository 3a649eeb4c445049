package dev.durable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable waits survive {@code kill -9} of a real JVM: after the restart a timer fires when it
 * was due, and a retry backoff goes on with the attempts left, waiting only for what was left.
 */
@RunsBesideOtherTests
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

	@Test
	void aRetryBackoffGoesOnWithTheAttemptsLeftAfterTheProcessIsKilledDuringIt() throws Exception {
		String id = "retry-" + UUID.randomUUID();
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments())) {
			first.post("/test/recovering/" + id, "");
			first.awaitBody("/actuator/workflows/" + id, (body) -> "WAITING".equals(JsonPath.read(body, "$.status"))
					&& !((List<?>) JsonPath.read(body, "$.events[?(@.type == 'ACTIVITY_ATTEMPT_FAILED')]")).isEmpty(),
					Duration.ofSeconds(30));
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments())) {
			String done = second.awaitBody("/actuator/workflows/" + id,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
			assertThat((String) JsonPath.read(done, "$.result")).isEqualTo("recovered at attempt 4");
			List<Integer> failed = JsonPath.read(done, "$.events[?(@.type == 'ACTIVITY_ATTEMPT_FAILED')].attempt");
			List<Integer> completed = JsonPath.read(done, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].attempt");
			assertThat(failed).as("failed attempts across the crash").containsExactly(1, 2, 3);
			assertThat(completed).containsExactly(4);
			List<String> nextAttempts = JsonPath.read(done, "$.events[?(@.type == 'ACTIVITY_ATTEMPT_FAILED')].output");
			List<String> attemptTimes = JsonPath.read(done, "$.events[?(@.type =~ /ACTIVITY_.*/)].timestamp");
			for (int i = 1; i < attemptTimes.size(); i++) {
				assertThat(Instant.parse(attemptTimes.get(i))).as("attempt " + (i + 1) + " waited for its backoff")
					.isAfterOrEqualTo(Instant.parse(nextAttempts.get(i - 1)));
			}
		}
	}

	@Test
	void aPublishedValueIsNotPublishedAgainByTheReplayAfterAKillAndReadersStillSeeIt() throws Exception {
		String id = "published-" + UUID.randomUUID();
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments())) {
			first.post("/test/stages/sleepy/" + id + "?millis=4000", "");
			first.awaitBody("/actuator/workflows/" + id, (body) -> "WAITING".equals(JsonPath.read(body, "$.status"))
					&& "PAID".equals(JsonPath.read(body, "$.published.stage.name")), Duration.ofSeconds(30));
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments())) {
			String read = second.get("/test/stages/" + id + "?millis=0").body();
			assertThat((String) JsonPath.read(read, "$.stage.name")).as("the value published before the kill, read after")
				.isIn("PAID", "SHIPPED");
			String done = second.awaitBody("/actuator/workflows/" + id,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
			List<String> published = JsonPath.read(done, "$.events[?(@.type == 'EVENT_PUBLISHED')].output.name");
			assertThat(published).as("one record per setEvent: the replays after the sleep and the restart wrote none")
				.containsExactly("PAID", "SHIPPED");
			assertThat((String) JsonPath.read(done, "$.published.stage.name")).isEqualTo("SHIPPED");
		}
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.add("--durable.worker.lease-duration=3s");
		return arguments;
	}

}
