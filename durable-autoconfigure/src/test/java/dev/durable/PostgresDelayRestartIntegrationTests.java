package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start delay is stored, not kept in memory: a workflow started with a delay by an application
 * that stops before the delay passes begins, after the application restarts, no earlier than the
 * delay.
 */
class PostgresDelayRestartIntegrationTests {

	// Longer than the second application takes to start, so that a lost delay would show.
	private static final Duration DELAY = Duration.ofSeconds(6);

	@Test
	void aDelayedWorkflowBeginsOnTimeAfterARestart() {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		String id = "delayed-restart-" + UUID.randomUUID();
		Instant created;
		try (ConfigurableApplicationContext first = start(database)) {
			ApprovalWorkflow approvals = first.getBean(ApprovalWorkflow.class);
			first.getBean(WorkflowClient.class)
				.start(StartOptions.id(id).delay(DELAY), () -> approvals.sleepy(id, 1));
			created = first.getBean(WorkflowStore.class).find(id).orElseThrow().createdAt();
		}
		try (ConfigurableApplicationContext second = start(database)) {
			WorkflowClient client = second.getBean(WorkflowClient.class);
			if (Instant.now().isBefore(created.plus(DELAY).minusSeconds(1))) {
				assertThat(client.handle(id).status()).as("status before the delay, after the restart")
					.isEqualTo(WorkflowStatus.PENDING);
			}
			assertThat(client.<Long>handle(id).await(Duration.ofSeconds(60))).isEqualTo(1L);
			JournalEvent firstStep = second.getBean(WorkflowStore.class)
				.journal(id)
				.stream()
				.filter((event) -> event.kind() != EventKind.WORKFLOW_STARTED)
				.findFirst()
				.orElseThrow();
			assertThat(firstStep.timestamp()).as("the first step, not before the delay")
				.isAfterOrEqualTo(created.plus(DELAY));
		}
		database.drop();
	}

	private static ConfigurableApplicationContext start(PostgresTestDatabase database) {
		return new SpringApplicationBuilder(TestApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + PostgresTestDatabase.USER,
				"--spring.jpa.hibernate.ddl-auto=update", "--durable.jdbc.initialize-schema=always",
				"--durable.node-id=delay-" + UUID.randomUUID());
	}

}
