package dev.durable.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.durable.WorkflowClient;
import dev.durable.actuate.WorkflowsEndpoint;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.testing.app.Renewals;
import dev.durable.testing.app.Steps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Replay checks of stored and exported journals against unchanged and changed code.
 */
@DurableTest
class WorkflowReplayerIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	@Autowired
	WorkflowClient client;

	@Autowired
	Renewals renewals;

	@Autowired
	Steps steps;

	@Autowired
	WorkflowReplayer replayer;

	@Autowired
	WorkflowQueries queries;

	@Autowired
	DurableEngine engine;

	@Autowired
	JsonMapper json;

	@TempDir
	Path exports;

	@AfterEach
	void restoreCode() {
		Renewals.changedCode = false;
	}

	@Test
	void aStoredJournalReplaysOnUnchangedCodeAndNamesTheStepOnAChangedOne() {
		String id = "stored";
		this.client.start(id, () -> this.renewals.twoSteps(id)).await(AWAIT);
		this.replayer.replayStored(id).assertDeterministic();
		Renewals.changedCode = true;
		ReplayReport report = this.replayer.replayStored(id);
		assertThat(report.deterministic()).isFalse();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(report::assertDeterministic)
			.withMessageContaining("workflow 'stored' (Renewals.twoSteps, from database)")
			.withMessageContaining("at step 1 the code now calls activity 'Steps.second'")
			.withMessageContaining("the journal recorded activity 'Steps.first'")
			.withMessageContaining("Workflow.getVersion");
		assertThat(this.steps.runs("second", id)).as("a replay check runs no activity").isEqualTo(1);
	}

	@Test
	void anExportedJournalReplaysOnUnchangedCodeAndNamesTheStepOnAChangedOne() throws Exception {
		String id = "exported";
		this.client.start(id, () -> this.renewals.twoSteps(id)).await(AWAIT);
		Path file = export(id);
		assertThat(this.replayer.replayExported(file).entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).isEqualTo("Replayed all 2 recorded step(s)"));
		this.replayer.replayExported(this.exports).assertDeterministic();
		Renewals.changedCode = true;
		assertThat(this.replayer.replayExported(file).failures()).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).contains("at step 1").contains("Steps.second"));
	}

	@Test
	void anExportWithoutStepNumbersIsGroupedIntoStepsAsTheEngineWroteThem() throws Exception {
		String id = "older-export";
		this.steps.failNext(1);
		this.client.start(id, () -> this.renewals.retried(id));
		// One failed attempt and its retry belong to one step; the workflow then waits an hour.
		new WorkflowAwaiter(this.queries, List::of).awaitRetryBackoff(id, "flaky");
		String older = Files.readString(export(id)).replaceAll("\"step\":\\d+,", "");
		assertThat(older).doesNotContain("\"step\"");
		assertThat(this.replayer.replayExported(older).entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.deterministic()).isTrue();
			assertThat(entry.detail()).contains("up to the end of the journal");
		});
	}

	@Test
	void aFileThatIsNotAnExportedWorkflowIsRefusedWithTheWayToExportOne() throws Exception {
		Path list = Files.writeString(this.exports.resolve("list.json"), "{\"workflows\":[]}");
		assertThatIllegalArgumentException().isThrownBy(() -> this.replayer.replayExported(list))
			.withMessageContaining("GET /actuator/workflows/{id}");
		assertThatIllegalArgumentException().isThrownBy(() -> this.replayer.replayExported(this.exports.resolve("none")))
			.withMessageContaining("No exported journal");
	}

	@Test
	void anExportWithHiddenValuesIsRefusedWithTheSettingThatShowsThem() throws Exception {
		String id = "hidden-values";
		this.steps.failNext(1);
		this.client.start(id, () -> this.renewals.retried(id));
		new WorkflowAwaiter(this.queries, List::of).awaitRetryBackoff(id, "flaky");
		WorkflowsEndpoint endpoint = new WorkflowsEndpoint(this.queries, this.client, this.engine.retrier(), Show.NEVER,
				Set.of());
		Path hidden = Files.writeString(this.exports.resolve(id + ".json"),
				this.json.writeValueAsString(endpoint.workflow(SecurityContext.NONE, id)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.replayer.replayExported(hidden))
			.withMessageContaining("exported with its values hidden")
			.withMessageContaining("management.endpoint.workflows.show-values=always");
	}

	private Path export(String id) throws Exception {
		WorkflowsEndpoint endpoint = new WorkflowsEndpoint(this.queries, this.client, this.engine.retrier(), Show.ALWAYS,
				Set.of());
		return Files.writeString(this.exports.resolve(id + ".json"),
				this.json.writeValueAsString(endpoint.workflow(SecurityContext.NONE, id.split("/"))));
	}

}
