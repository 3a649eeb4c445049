package dev.durable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.PublishedCommits;
import dev.durable.testapp.StageWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Values workflows publish ({@code Workflow.setEvent}) and callers read and wait for
 * ({@code WorkflowClient.getEvent}), on every supported database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowEventsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@Autowired
	StageWorkflow stages;

	@Autowired
	WorkflowStore store;

	@Autowired
	PublishedCommits commits;

	@Autowired
	DurableEngine engine;

	@LocalServerPort
	int port;

	@Test
	void aWorkflowPublishesStageThreeTimesAndGetEventReturnsTheLatestEachTime() throws Exception {
		String id = "stages-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.threeStages(id));
		assertThat(this.client.getEvent(id, "stage", String.class, AWAIT)).contains("RECEIVED");
		for (String next : new String[] { "PAID", "SHIPPED" }) {
			WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
			int before = published(id);
			this.client.signal(id, "next", "go");
			awaitPublished(id, before + 1);
			assertThat(this.client.getEvent(id, "stage", String.class, Duration.ZERO)).contains(next);
		}
		assertThat(handle.await(AWAIT)).isEqualTo("done");
		assertThat(this.client.getEvent(id, "stage", String.class, Duration.ZERO)).as("readable after the end")
			.contains("SHIPPED");
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind() == EventKind.EVENT_PUBLISHED)
			.extracting(JournalEvent::name, JournalEvent::output)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("stage", "\"RECEIVED\""),
					org.assertj.core.groups.Tuple.tuple("stage", "\"PAID\""),
					org.assertj.core.groups.Tuple.tuple("stage", "\"SHIPPED\""));
		assertThat(this.store.published(id)).as("one row per key, the latest value").containsExactly(
				Map.entry("stage", "\"SHIPPED\""));
	}

	@Test
	void aReaderWaitingForAnUnsetKeyReturnsWithin100MillisecondsOfTheCommitOnThisNode() throws Exception {
		String id = "relay-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.relay(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		CompletableFuture<Long> returnedAt = CompletableFuture.supplyAsync(() -> {
			Optional<String> stage = this.client.getEvent(id, "stage", String.class, AWAIT);
			assertThat(stage).contains("PACKED");
			return System.nanoTime();
		});
		// Let the reader look and begin to wait: the value must reach it by the wake-up, not its first look.
		Thread.sleep(300);
		assertThat(returnedAt).as("a reader of an unset key waits").isNotDone();
		this.client.signal(id, "go", "PACKED");
		long returned = returnedAt.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
		long committed = this.commits.committedAt(id, "stage");
		long latency = TimeUnit.NANOSECONDS.toMicros(returned - committed);
		System.out.printf("getEvent on the publishing node returned %d us after the commit%n", latency);
		// The poll interval (500 ms by default) is far above this bound: only the wake-up meets it.
		assertThat(latency).as("microseconds from the commit to the reader's return").isLessThan(100_000);
		assertThat(handle.await(AWAIT)).isEqualTo("PACKED");
	}

	@Test
	void getEventWithNoTimeoutReturnsEmptyAtOnceWhenTheKeyIsNotSet() throws Exception {
		String id = "unset-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.relay(id));
		assertThat(this.client.getEvent(id, "stage", String.class, Duration.ZERO)).isEmpty();
		assertThat(this.client.getEvent(id, "other", String.class, Duration.ofMillis(50))).isEmpty();
		this.client.signal(id, "go", "DONE");
		assertThat(handle.await(AWAIT)).isEqualTo("DONE");
	}

	@Test
	void getEventOnAnUnknownIdThrowsWorkflowNotFoundException() {
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.getEvent("no-such-" + UUID.randomUUID(), "stage", String.class,
					Duration.ofSeconds(5)))
			.withMessageContaining("no-such-");
	}

	@Test
	void aValueThatCannotBeWrittenFailsTheStepNamingTheKeyAndTheType() {
		String id = "unwritable-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.unwritable(id));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining("event 'receipt'")
			.withMessageContaining("dev.durable.testapp.Unwritable");
		assertThat(this.store.journal(id)).noneMatch((event) -> event.kind() == EventKind.EVENT_PUBLISHED);
		assertThat(this.client.getEvent(id, "receipt", Object.class, Duration.ZERO)).isEmpty();
	}

	@Test
	void aRecordValueReadsBackAsItsTypeAndTheEndpointShowsItAsPublished() throws Exception {
		String id = "record-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.publishThenSleep(id, 0));
		assertThat(handle.await(AWAIT)).isEqualTo("shipped");
		assertThat(this.client.getEvent(id, "stage", StageWorkflow.Stage.class, Duration.ZERO))
			.contains(new StageWorkflow.Stage("SHIPPED", 2));
		String body = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/workflows/" + id))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Map<String, Object> published = JsonPath.read(body, "$.published");
		assertThat(published).containsOnlyKeys("stage");
		assertThat((String) JsonPath.read(body, "$.published.stage.name")).isEqualTo("SHIPPED");
	}

	@Test
	void retentionDeletesPublishedValuesWithTheirWorkflow() {
		String id = "retained-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.publishThenSleep(id, 0));
		assertThat(handle.await(AWAIT)).isEqualTo("shipped");
		assertThat(this.store.published(id)).isNotEmpty();
		assertThat(this.engine.sweepRetention(Instant.now().plus(Duration.ofDays(31)))).isPositive();
		assertThat(this.store.published(id)).isEmpty();
		assertThat(this.store.published(id, "stage")).isEmpty();
	}

	private int published(String id) {
		return (int) this.store.journal(id).stream().filter((event) -> event.kind() == EventKind.EVENT_PUBLISHED).count();
	}

	private void awaitPublished(String id, int count) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (published(id) < count) {
			assertThat(System.nanoTime()).as("%d values published by %s", count, id).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
