package dev.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost to {@code kill -9}: every start that returned and every step that
 * the next step's beginning proves recorded is in the journal after the restart, however soon
 * after the acknowledgement the process died.
 */
@RunsBesideOtherTests
abstract class AbstractAcknowledgedWorkCrashIntegrationTests {

	private static final int WORKFLOWS = 150;

	private static final int STEPS = 4;

	@TempDir
	Path workDir;

	abstract List<String> databaseArguments(Path workDir);

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void everyAcknowledgedStartAndEveryProvenStepSurvivesAKillRightAfterTheLastAcknowledgement() throws Exception {
		String prefix = "ack-" + UUID.randomUUID();
		Path firstLog;
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first", arguments())) {
			String path = "/test/acknowledged?prefix=" + prefix + "&count=" + WORKFLOWS + "&steps=" + STEPS;
			// The starts may outlast the client's timeout; what counts is what the log acknowledges.
			CompletableFuture.runAsync(() -> post(first, path));
			first.awaitLogLine("ACKNOWLEDGED " + prefix + "-" + (WORKFLOWS - 1), Duration.ofMinutes(2));
			first.killHard();
			firstLog = first.log();
		}
		List<String> acknowledged = new ArrayList<>();
		Map<String, Integer> provenSteps = new LinkedHashMap<>();
		for (String line : Files.readAllLines(firstLog)) {
			String[] words = line.split(" ");
			if (words.length == 2 && words[0].equals("ACKNOWLEDGED")) {
				acknowledged.add(words[1]);
			}
			if (words.length == 3 && words[0].equals("BEGIN")) {
				// Step N began, so step N-1's record had committed.
				provenSteps.merge(words[1], Integer.parseInt(words[2]) - 1, Math::max);
			}
		}
		assertThat(acknowledged).hasSize(WORKFLOWS);
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments())) {
			List<String> missing = new ArrayList<>();
			List<String> stepsLost = new ArrayList<>();
			for (String id : acknowledged) {
				var response = second.get("/actuator/workflows/" + id);
				if (response.statusCode() != 200) {
					missing.add(id);
					continue;
				}
				List<Integer> completed = JsonPath.read(response.body(),
						"$.events[?(@.type == 'ACTIVITY_COMPLETED')].attempt");
				int proven = provenSteps.getOrDefault(id, 0);
				if (completed.size() < proven) {
					stepsLost.add(id + " (" + completed.size() + " of " + proven + " proven steps)");
				}
			}
			assertThat(missing).as("acknowledged workflows unknown after the restart").isEmpty();
			assertThat(stepsLost).as("workflows missing steps whose record had committed").isEmpty();
		}
	}

	private static void post(JvmProcess process, String path) {
		try {
			process.post(path, "");
		}
		catch (Exception ex) {
			// Killed mid-request, or timed out while the starts go on.
		}
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.add("--durable.worker.lease-duration=3s");
		return arguments;
	}

}
