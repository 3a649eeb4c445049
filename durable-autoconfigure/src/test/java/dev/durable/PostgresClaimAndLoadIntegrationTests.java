package dev.durable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.PostgresTestDatabase;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a claim reads the claimed workflows' rows and journals in the same statement: what
 * it hands the worker must be exactly what a separate load reads, workflow by workflow. No worker
 * runs here, so the test alone claims.
 */
@SpringBootTest(classes = TestApplication.class, properties = "durable.worker.enabled=false")
@DirtiesContext
class PostgresClaimAndLoadIntegrationTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

	@Autowired
	WorkflowStore store;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry);
	}

	@Test
	void aClaimBringsEachWorkflowsRowAndJournalAsALoadReadsThem() {
		String parent = "claim-parent-" + UUID.randomUUID();
		String child = "claim-child-" + UUID.randomUUID();
		String cancelled = "claim-cancelled-" + UUID.randomUUID();
		assertThat(this.store.create(new NewWorkflow(parent, "Parent", "[\"p\",1]", NOW, null, null, null, null)))
			.isTrue();
		assertThat(this.store.create(new NewWorkflow(child, "Child", "[]", NOW.plusMillis(1), null, null, null, parent)))
			.isTrue();
		assertThat(this.store.create(new NewWorkflow(cancelled, "Cancelled", "[2]", NOW, null, null, null, null)))
			.isTrue();
		// Run each one step and a failed attempt of the next, then suspend it due at once.
		Map<String, ClaimedRun> first = claim(NOW.plusSeconds(1));
		assertThat(first).containsOnlyKeys(parent, child, cancelled);
		for (ClaimedRun run : first.values()) {
			ClaimedWorkflow claim = run.claim();
			this.store.append(claim, new JournalEvent(2, 1, EventKind.ACTIVITY_COMPLETED, "Steps.one", 1, "[\"a\"]",
					"\"done " + claim.workflowId() + "\"", null, null, NOW.plusMillis(2)));
			this.store.append(claim, new JournalEvent(3, 2, EventKind.ACTIVITY_ATTEMPT_FAILED, "Steps.two", 1, null,
					"\"" + NOW.plusSeconds(5) + "\"", "java.io.IOException", "disk\nfull", NOW.plusMillis(3)));
			this.store.suspend(claim, NOW.plusSeconds(2), null);
		}
		this.store.requestCancel(cancelled, NOW.plusSeconds(2));

		Instant claimedAt = NOW.plusSeconds(3);
		Map<String, ClaimedRun> second = claim(claimedAt);

		assertThat(second).containsOnlyKeys(parent, child, cancelled);
		for (ClaimedRun run : second.values()) {
			String id = run.claim().workflowId();
			LoadedWorkflow loaded = run.loaded();
			assertThat(loaded).as("what the claim of %s brought", id).isNotNull();
			assertThat(loaded).as("what the claim of %s brought", id).isEqualTo(this.store.load(id).orElseThrow());
			assertThat(loaded.journal()).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L);
			assertThat(loaded.journal().get(1).output()).isEqualTo("\"done " + id + "\"");
			assertThat(run.claim().dueAt()).as("when %s became due", id).isEqualTo(NOW.plusSeconds(2));
		}
		assertThat(second.get(child).loaded().workflow().parentId()).isEqualTo(parent);
		assertThat(second.get(parent).loaded().workflow().input()).isEqualTo("[\"p\",1]");
		assertThat(second.get(cancelled).loaded().workflow().cancelRequested()).isTrue();
		assertThat(second.get(parent).loaded().workflow().cancelRequested()).isFalse();
		assertThat(second.get(parent).loaded().journal().get(2).error()).isEqualTo("disk\nfull");
		assertThat(claim(claimedAt)).as("a second claim while the leases hold").isEmpty();
	}

	private Map<String, ClaimedRun> claim(Instant now) {
		List<ClaimedRun> runs = this.store.claimDue("claim-test-node", now, now.plusSeconds(60), 10);
		return runs.stream().collect(Collectors.toMap((run) -> run.claim().workflowId(), Function.identity()));
	}

}
