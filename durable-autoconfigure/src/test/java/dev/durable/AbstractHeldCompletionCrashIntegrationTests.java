package dev.durable;

import java.nio.file.Path;
import java.time.Duration;
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
 * The last activity's completion waits to commit with the workflow's end; a {@code kill -9} in
 * between loses nothing acknowledged: after the restart that activity runs again (as after a
 * kill just before any record), every step is in the journal once, and the workflow ends with
 * the result a run without the kill returns.
 */
@RunsBesideOtherTests
abstract class AbstractHeldCompletionCrashIntegrationTests {

	@TempDir
	Path workDir;

	abstract List<String> databaseArguments(Path workDir);

	@Test
	void aKillBetweenTheLastStepAndTheEndRunsThatStepAgainAndRecordsEachStepOnce() throws Exception {
		String id = "last-step-" + UUID.randomUUID();
		try (JvmProcess first = JvmProcess.startMain(TestApplication.class, this.workDir, "first",
				arguments(1, "--test.block-before-end=true"))) {
			first.post("/test/last-step/" + id, "");
			first.awaitLogLine("BLOCKED BEFORE END " + id, Duration.ofSeconds(60));
			String held = first.get("/actuator/workflows/" + id).body();
			assertThat((List<Integer>) JsonPath.read(held, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].step"))
				.as("committed completions while the workflow runs plain code after its last step: the first "
						+ "step's, which the second step's beginning wrote; the last is held for the end")
				.containsExactly(1);
			assertThat(runs(first, id)).containsExactly("1@1", "2@1");
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startMain(TestApplication.class, this.workDir, "second", arguments(2))) {
			String done = second.awaitBody("/actuator/workflows/" + id,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
			assertThat((String) JsonPath.read(done, "$.result")).isEqualTo(id + " ended after step 2");
			assertThat((List<Integer>) JsonPath.read(done, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].step"))
				.as("each step's completion in the journal once").containsExactly(1, 2);
			assertThat(runs(second, id)).as("step 1, recorded, not run again; step 2, held, run again")
				.containsExactly("1@1", "2@1", "2@2");
		}
	}

	private static List<String> runs(JvmProcess process, String id) throws Exception {
		return JsonPath.read(process.get("/test/last-step/" + id + "/runs").body(), "$");
	}

	private List<String> arguments(int generation, String... more) {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.add("--test.generation=" + generation);
		// The same node id: the restarted process takes its predecessor's workflow over at once.
		arguments.add("--durable.node-id=held-completion-node");
		arguments.addAll(List.of(more));
		return arguments;
	}

}
