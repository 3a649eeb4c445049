package dev.durable;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's reads behind the console on every supported database (H2, PostgreSQL, MariaDB), over real HTTP: the
 * overview, the list searched by id prefix a page at a time, and what a workflow's page needs
 * beyond its journal (its parent, the end of each wait).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractWorkflowsConsoleReadsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	WorkflowClient client;

	@Autowired
	OrderWorkflow orders;

	@Autowired
	ApprovalWorkflow approvals;

	@LocalServerPort
	int port;

	@Test
	void theOverviewCountsWorkflowsByStatusAndTypeAndPerMinuteOverTheLastHour() throws Exception {
		for (int i = 0; i < 3; i++) {
			String id = "overview-" + UUID.randomUUID();
			this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		}
		JsonNode overview = get("/actuator/workflows?view=overview");
		assertThat(overview.get("byStatus").propertyNames()).containsExactlyInAnyOrder("PENDING", "RUNNING", "WAITING",
				"COMPLETED", "FAILED", "CANCELLED");
		assertThat(overview.get("byStatus").get("COMPLETED").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(overview.get("total").asLong()).isGreaterThanOrEqualTo(3);
		JsonNode count = null;
		for (JsonNode type : overview.get("byType")) {
			if (type.get("type").asString().equals("OrderWorkflow.count")) {
				count = type;
			}
		}
		assertThat(count).isNotNull();
		assertThat(count.get("byStatus").get("COMPLETED").asLong()).isEqualTo(count.get("total").asLong())
			.isGreaterThanOrEqualTo(3);
		JsonNode minutes = overview.get("throughput");
		assertThat(minutes).hasSize(60);
		// The three may straddle a minute's end: count the last two minutes.
		long started = minutes.get(58).get("started").asLong() + minutes.get(59).get("started").asLong();
		long ended = minutes.get(58).get("ended").asLong() + minutes.get(59).get("ended").asLong();
		assertThat(started).isGreaterThanOrEqualTo(3);
		assertThat(ended).isGreaterThanOrEqualTo(3);
		assertThat(overview.get("overdue").get("after").asString()).isEqualTo("PT5M");
		assertThat(overview.get("overdue").get("count").asLong()).isZero();
		assertThat(overview.get("nodes").isArray()).isTrue();
	}

	@Test
	void theListFindsWorkflowsByIdPrefixAPageAtATimeNewestFirst() throws Exception {
		String prefix = "prefix-" + UUID.randomUUID();
		List<String> ids = List.of(prefix + "-1", prefix + "-2", prefix + "-3", prefix + "x4");
		for (String id : ids) {
			this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		}
		JsonNode first = get("/actuator/workflows?limit=2&idPrefix=" + encode(prefix + "-"));
		assertThat(ids(first)).containsExactly(prefix + "-3", prefix + "-2");
		assertThat(first.get("next").isString()).isTrue();
		JsonNode second = get("/actuator/workflows?limit=2&idPrefix=" + encode(prefix + "-") + "&cursor="
				+ first.get("next").asString());
		assertThat(ids(second)).containsExactly(prefix + "-1");
		assertThat(second.get("next").isNull()).isTrue();
		// LIKE's wildcards are taken literally.
		assertThat(ids(get("/actuator/workflows?idPrefix=" + encode(prefix + "_")))).isEmpty();
		assertThat(ids(get("/actuator/workflows?idPrefix=" + encode(prefix.substring(0, 12) + "%")))).isEmpty();
		assertThat(send("/actuator/workflows?cursor=not-a-cursor").statusCode()).isEqualTo(400);
		assertThat(send("/actuator/workflows?view=dashboard").statusCode()).isEqualTo(400);
	}

	@Test
	void aWorkflowShowsItsParentAndWhenItsFailedAttemptsWereToBeTriedAgain() throws Exception {
		String id = "console-flaky-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.flaky(id, 2)).await(AWAIT);
		JsonNode flaky = get("/actuator/workflows/" + id);
		List<JsonNode> failed = new ArrayList<>();
		flaky.get("events").forEach((event) -> {
			if (event.get("type").asString().equals("ACTIVITY_ATTEMPT_FAILED")) {
				failed.add(event);
			}
		});
		assertThat(failed).hasSize(2);
		for (JsonNode attempt : failed) {
			assertThat(attempt.get("step").asInt()).isEqualTo(1);
			assertThat(attempt.get("until").asString()).isNotEmpty();
		}
		// Every event of an attempt shows when it began beside when it was recorded; the start, a moment, not.
		flaky.get("events").forEach((event) -> {
			String type = event.get("type").asString();
			assertThat(event.has("timestamp") && event.has("startedAt")).as(type + " shows both times").isTrue();
			if (type.startsWith("ACTIVITY_")) {
				Instant began = Instant.parse(event.get("startedAt").asString());
				assertThat(began).as(type + " began before it was recorded")
					.isBeforeOrEqualTo(Instant.parse(event.get("timestamp").asString()));
			}
			else {
				assertThat(event.get("startedAt").isNull()).as(type + " has no begin time").isTrue();
			}
		});
		assertThat(flaky.get("parentId").isNull()).isTrue();
		assertThat(flaky.get("dueAt").isNull()).isTrue();

		String parent = "console-parent-" + UUID.randomUUID();
		this.client.start(parent, () -> this.approvals.quickChild(7)).await(AWAIT);
		JsonNode child = get("/actuator/workflows/" + parent + "/1");
		assertThat(child.get("parentId").asString()).isEqualTo(parent);
		assertThat(child.get("cancelRequested").asBoolean()).isFalse();
	}

	private static List<String> ids(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.get("workflows").forEach((workflow) -> ids.add(workflow.get("id").asString()));
		return ids;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
