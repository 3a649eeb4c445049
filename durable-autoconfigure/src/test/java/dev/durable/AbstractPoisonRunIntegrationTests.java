package dev.durable;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.durable.engine.RunAttemptsExhaustedException;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.ErrorText;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.testapp.Calls;
import dev.durable.testapp.PoisonWorkflow;
import dev.durable.testapp.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs that keep failing outside workflow code (a store that refuses a write, an id that does not
 * fit) end, instead of running their activities again at every lease expiry, on every supported
 * database. Short leases, so that a stopped run is claimed again within a second.
 */
@SpringBootTest(classes = TestApplication.class, properties = { "durable.worker.lease-duration=1s",
		"durable.worker.max-run-attempts=3" })
abstract class AbstractPoisonRunIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	@Autowired
	PoisonWorkflow poisons;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	DurableEngine engine;

	@Autowired
	Calls calls;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void anActivityErrorWithANulCharacterIsStoredWithoutItAndTheRetryPolicyHolds() {
		String id = "nul-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.poisons.unstorableError(id, 10)).await(AWAIT);
		assertThat(result).isEqualTo("4|badbyte xxxxxxxxxx");
		assertThat(this.calls.count("unstorable:" + id)).as("attempts, as the retry policy allows").isEqualTo(4);
		assertThat(steps(id)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_ATTEMPT_FAILED,
					EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_FAILED);
		assertThat(steps(id)).extracting(JournalEvent::error).containsOnly("badbyte xxxxxxxxxx");
	}

	@Test
	void aVeryLongActivityErrorIsStoredCutAndSaysSo() {
		String id = "long-error-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.poisons.unstorableError(id, 100_000)).await(AWAIT);
		assertThat(this.calls.count("unstorable:" + id)).isEqualTo(4);
		String error = steps(id).get(3).error();
		assertThat(error).startsWith("badbyte xxx").endsWith("... [cut, 100009 characters in all]");
		assertThat(error.length()).isLessThan(ErrorText.MAX_LENGTH + 40);
		assertThat(result).isEqualTo("4|" + error);
	}

	@Test
	void aWorkflowIdLongerThanTheJournalHoldsFailsTheStartAtOnce() {
		String id = "x".repeat(256);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.client.start(id, () -> this.poisons.poison(id)))
			.withMessageContaining("is 256 characters long, longer than the 255 characters the journal holds");
		assertThat(this.store.find(id)).isEmpty();
	}

	@Test
	void aChildWhoseIdWouldBeTooLongFailsTheParentInsteadOfItsRuns() {
		String id = "p".repeat(250) + UUID.randomUUID().toString().substring(0, 4);
		WorkflowHandle<Integer> parent = this.client.start(id, () -> this.poisons.child(id));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> parent.await(AWAIT))
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo(IllegalArgumentException.class.getName()))
			.withMessageContaining("is 256 characters long, longer than the 255 characters the journal holds")
			.withMessageContaining("give the parent workflow a shorter id");
		assertThat(this.calls.count("count:" + id)).as("the parent's activity ran once").isEqualTo(1);
	}

	@Test
	void aWorkflowWhoseRunsKeepStoppingOnAStoreErrorFailsAfterMaxRunAttemptsAndRetryResumesIt() {
		String id = "poison-" + UUID.randomUUID();
		String constraint = "durable_test_" + id.substring(7, 15);
		// The journal refuses this workflow's activity result, every time it is written.
		this.jdbc.execute("alter table durable_event add constraint " + constraint
				+ " check (output is null or output <> '\"poison-" + id + "\"')");
		double exhaustedBefore = exhaustedCount();
		try {
			WorkflowHandle<String> handle = this.client.start(id, () -> this.poisons.poison(id));
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
				.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo(RunAttemptsExhaustedException.class.getName()))
				.withMessageContaining("in each of its last 3 runs")
				.withMessageContaining("retry the workflow");
			WorkflowRecord failed = this.store.find(id).orElseThrow();
			assertThat(failed.error()).containsIgnoringCase(constraint);
			assertThat(this.calls.count("poison:" + id)).as("the activity ran once per run").isEqualTo(3);
			assertThat(exhaustedCount()).isEqualTo(exhaustedBefore + 1);
		}
		finally {
			this.jdbc.execute("alter table durable_event drop constraint " + constraint);
		}
		this.engine.retrier().retry(id);
		assertThat(this.client.<String>handle(id).await(AWAIT)).isEqualTo("poison-" + id);
		assertThat(this.calls.count("poison:" + id)).isEqualTo(4);
	}

	@Test
	void aRunHandedBackKeepsTheErrorOfTheRunBeforeIt() {
		String id = "handed-back-" + UUID.randomUUID();
		Instant later = Instant.now().plus(Duration.ofHours(1));
		// A run that stopped on a store error, then a run of it that this node hands back (a
		// shutdown): not due for an hour, so no worker claims it meanwhile.
		this.jdbc.update("insert into durable_workflow (id, type, status, input, owner, run_token, due_at, created_at, "
				+ "updated_at, run_attempts, last_run_error) values (?, 'PoisonWorkflow.poison', 'RUNNING', '[]', "
				+ "'another-node', 'token-2', ?, ?, ?, 2, 'java.lang.IllegalStateException: the store refused')", id,
				Timestamp.from(later), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
		this.store.release(new ClaimedWorkflow(id, "token-2", later, 2), later);
		assertThat(this.store.lastRunError(id)).contains("java.lang.IllegalStateException: the store refused");
		assertThat(this.jdbc.queryForObject("select run_attempts from durable_workflow where id = ?", Integer.class, id))
			.isEqualTo(1);
		this.jdbc.update("delete from durable_workflow where id = ?", id);
	}

	private double exhaustedCount() {
		var counter = this.meters.find("durable.workflows.runs.exhausted").tag("type", "PoisonWorkflow.poison").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private List<JournalEvent> steps(String id) {
		return this.store.journal(id).stream().filter((event) -> event.kind().isStep()).toList();
	}

}
