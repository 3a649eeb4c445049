package dev.durable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.durable.actuate.WorkflowsEndpoint;
import dev.durable.autoconfigure.WorkflowsEndpointProperties;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.Decision;
import dev.durable.testapp.StageWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint as an application gets it without setting anything but its exposure: read-only,
 * values hidden, and a dashboard without actions. The test application's
 * {@code application.properties} grants more, so this test sets the defaults back explicitly and
 * checks separately that they are the defaults.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.workflows.access=read-only",
				"management.endpoint.workflows.show-values=never" })
class WorkflowsEndpointDefaultsIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	StageWorkflow stages;

	@LocalServerPort
	int port;

	@Test
	void theDefaultsAreReadOnlyAndValuesHidden() {
		assertThat(WorkflowsEndpoint.class.getAnnotation(Endpoint.class).defaultAccess()).isEqualTo(Access.READ_ONLY);
		assertThat(new WorkflowsEndpointProperties().getShowValues()).isEqualTo(Show.NEVER);
	}

	@Test
	void writeOperationsAreAbsentUntilTheApplicationGrantsThem() throws Exception {
		String id = "defaults-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		HttpResponse<String> signal = send(HttpRequest.newBuilder(uri("/actuator/workflows/" + id + "/signal"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"decision\",\"payload\":\"true\"}"))
			.build());
		assertThat(signal.statusCode()).isIn(404, 405);
		HttpResponse<String> cancel = send(HttpRequest.newBuilder(uri("/actuator/workflows/" + id)).DELETE().build());
		assertThat(cancel.statusCode()).isIn(404, 405);
		assertThat(handle.status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(get("/durable/session").body()).contains("\"actions\":false");
		this.client.cancel(id);
	}

	@Test
	void valuesAreHiddenButTheShapeOfTheJournalIsShown() throws Exception {
		String id = "defaults-values-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "decision", new Decision("secret-approver", true));
		assertThat(handle.await(AWAIT)).isEqualTo("secret-approver approved");
		HttpResponse<String> detail = get("/actuator/workflows/" + id);
		assertThat(detail.statusCode()).isEqualTo(200);
		assertThat(detail.body()).doesNotContain("secret-approver")
			.contains("\"input\":\"******\"")
			.contains("\"result\":\"******\"")
			.contains("SIGNAL_RECEIVED")
			.contains("WORKFLOW_COMPLETED");
	}

	@Test
	void publishedValuesAreHiddenLikeInputsAndResultsButTheirKeysAreShown() throws Exception {
		String id = "defaults-published-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.publishThenSleep(id, 0));
		assertThat(handle.await(AWAIT)).isEqualTo("shipped");
		String body = get("/actuator/workflows/" + id).body();
		assertThat(body).contains("\"published\":{\"stage\":\"******\"}").doesNotContain("SHIPPED");
	}

	@Test
	void theOverviewAndTheEndOfEachWaitAreShownWhileValuesAreHidden() throws Exception {
		String id = "defaults-wait-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approveWithin(id, 600_000));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		String detail = get("/actuator/workflows/" + id).body();
		assertThat(detail).containsPattern("\"type\":\"SIGNAL_WAIT_STARTED\"[^}]*\"output\":\"\\*{6}\"[^}]*\"until\":\"20")
			.contains("\"parentId\":null")
			.containsPattern("\"dueAt\":\"20");
		HttpResponse<String> overview = get("/actuator/workflows?view=overview");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("\"byStatus\":{").contains("\"ApprovalWorkflow.approveWithin\"");
		this.client.cancel(id);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
