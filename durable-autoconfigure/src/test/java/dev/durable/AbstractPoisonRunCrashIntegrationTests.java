package dev.durable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.durable.engine.RunAttemptsExhaustedException;
import dev.durable.test.JvmProcess;
import dev.durable.test.RunsBesideOtherTests;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workflow whose every run kills the real JVM running it ({@code Runtime.halt}, as a fatal
 * error or the OOM killer would) ends FAILED after {@code durable.worker.max-run-attempts} runs
 * instead of killing each process that claims it, and a retry through the actuator, once the
 * cause is gone, runs it to completion. Nothing in the dying process can record the stop: only
 * the run count kept by the claims can end it.
 */
@RunsBesideOtherTests
abstract class AbstractPoisonRunCrashIntegrationTests {

	private static final int MAX_RUN_ATTEMPTS = 3;

	/** The exit code of {@code PoisonSteps.haltWhile}'s halt. */
	private static final int HALTED = 99;

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@TempDir
	Path workDir;

	/**
	 * Return the command-line arguments that point every process at the same database.
	 * @param workDir the test's directory
	 * @return the arguments
	 */
	abstract List<String> databaseArguments(Path workDir);

	// MAX_RUN_ATTEMPTS + 1 JVM starts, each 10 to 20 s on a loaded machine with C1-only start-up (twice that
	// without), over the default timeout.
	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void aWorkflowWhoseRunsKillTheProcessFailsAfterMaxRunAttemptsAndRetryResumesIt() throws Exception {
		String id = "halting-" + UUID.randomUUID();
		Path marker = Files.createFile(this.workDir.resolve("halt-marker"));
		Path runs = this.workDir.resolve("runs");
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "run-1",
				List.of(), arguments())) {
			var started = first.post("/test/halting/" + id + "?marker=" + encode(marker) + "&runs=" + encode(runs), "");
			assertThat(started.statusCode()).as("starting workflow '%s': %s", id, started.body()).isEqualTo(200);
			assertHaltedInRun(first, id, runs, 1);
		}
		// The lease is shorter than a start, so each new process claims the workflow at once.
		for (int run = 2; run <= MAX_RUN_ATTEMPTS; run++) {
			try (JvmProcess next = JvmProcess.launchMain(TestApplication.class, this.workDir, "run-" + run,
					List.of(), arguments())) {
				assertHaltedInRun(next, id, runs, run);
			}
		}
		try (JvmProcess last = JvmProcess.startMain(TestApplication.class, this.workDir, "after-runs",
				List.of(), arguments())) {
			String failed = awaitStatus(last, id, "FAILED");
			String error = JsonPath.read(failed, "$.error");
			assertThat(error).as("error of workflow '%s'", id)
				.startsWith(RunAttemptsExhaustedException.class.getName() + ": ")
				.contains("Workflow '" + id + "'")
				.contains("in each of its last " + MAX_RUN_ATTEMPTS + " runs (durable.worker.max-run-attempts)")
				.contains("the process running it stopped or lost its lease during each of the " + MAX_RUN_ATTEMPTS
						+ " runs")
				.contains("Fix the cause, then retry the workflow (POST /actuator/workflows/" + id + "/retry)");
			assertThat(activityRuns(runs)).as("runs of the activity of workflow '%s', each in its own process", id)
				.hasSize(MAX_RUN_ATTEMPTS)
				.doesNotHaveDuplicates();
			assertThat(last.isAlive()).as("the process that failed workflow '%s' instead of running it is alive", id)
				.isTrue();

			Files.delete(marker);
			var retried = last.post("/actuator/workflows/" + id + "/retry", "{}");
			assertThat(retried.statusCode()).as("retrying workflow '%s': %s", id, retried.body()).isEqualTo(200);
			String completed = awaitStatus(last, id, "COMPLETED");
			assertThat((String) JsonPath.read(completed, "$.result")).as("result of workflow '%s'", id)
				.isEqualTo("survived");
			assertThat(activityRuns(runs)).as("runs of the activity of workflow '%s' after the retry", id)
				.hasSize(MAX_RUN_ATTEMPTS + 1);
		}
	}

	private void assertHaltedInRun(JvmProcess process, String id, Path runs, int run) throws Exception {
		int exitCode;
		try {
			exitCode = process.awaitExit(Duration.ofSeconds(90));
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("The process of run " + run + " of workflow '" + id + "' did not die: "
					+ ex.getMessage(), ex);
		}
		assertThat(exitCode).as("exit code of the process of run %d of workflow '%s' (%d is the activity's halt); its log:%n%s", run,
					id, HALTED, process.logTail())
			.isEqualTo(HALTED);
		assertThat(activityRuns(runs)).as("runs of the activity of workflow '%s' after %d processes died", id, run)
			.hasSize(run);
	}

	private String awaitStatus(JvmProcess process, String id, String status) throws Exception {
		try {
			return process.awaitBody("/actuator/workflows/" + id,
					(body) -> status.equals(JsonPath.read(body, "$.status")), PATIENCE);
		}
		catch (IllegalStateException ex) {
			throw new AssertionError("Workflow '" + id + "' did not become " + status + " (durable.worker."
					+ "max-run-attempts=" + MAX_RUN_ATTEMPTS + "): " + ex.getMessage(), ex);
		}
	}

	private List<String> activityRuns(Path runs) throws Exception {
		return Files.exists(runs) ? Files.readAllLines(runs) : List.of();
	}

	private List<String> arguments() {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.addAll(List.of("--durable.worker.max-run-attempts=" + MAX_RUN_ATTEMPTS,
				"--durable.worker.lease-duration=2s",
				// The test application's own tables are not used here; leaving them alone saves start time.
				"--spring.jpa.hibernate.ddl-auto=none"));
		return arguments;
	}

	private static String encode(Path path) {
		return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8);
	}

}
