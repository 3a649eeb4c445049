package dev.durable;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.testapp.Line;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine contract on PostgreSQL, in a schema of its own.
 */
@DirtiesContext
class PostgresWorkflowEngineIntegrationTests extends AbstractWorkflowEngineIntegrationTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

	@Test
	void theLastActivitysCompletionCommitsWithTheEndAndEachEarlierStepBeforeTheNextBegins() {
		String id = "o-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.process(id, List.of(new Line("apple", 2)))).await(Duration.ofSeconds(30));
		// start, reserve, charge, ship, end: the transaction that inserted each event.
		List<Long> transactions = transactionsOfEvents(id);
		assertThat(transactions).hasSize(5);
		assertThat(transactions.get(3)).as("the last activity's completion is committed with the end")
			.isEqualTo(transactions.get(4));
		assertThat(new HashSet<>(transactions.subList(0, 4))).as("the start and each earlier step, one commit each")
			.hasSize(4);

		String failing = "fails-" + UUID.randomUUID();
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.start(failing, () -> this.orders.fails(failing)).await(Duration.ofSeconds(30)));
		assertThat(this.store.journal(failing)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_FAILED);
		List<Long> failed = transactionsOfEvents(failing);
		assertThat(failed.get(1)).as("a completion the workflow threw after is committed with the failure")
			.isEqualTo(failed.get(2));
	}

	private List<Long> transactionsOfEvents(String workflowId) {
		return this.jdbc.queryForList("select xmin::text::bigint from durable_event where workflow_id = ? order by seq",
				Long.class, workflowId);
	}

}
