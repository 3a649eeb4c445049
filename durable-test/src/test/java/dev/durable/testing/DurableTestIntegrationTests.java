package dev.durable.testing;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.testing.app.Renewals;
import dev.durable.testing.app.Steps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a user's {@link DurableTest} gets: its own database, a clock it moves, waits and crash
 * injection.
 */
@DurableTest
class DurableTestIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	@Autowired
	WorkflowClient client;

	@Autowired
	Renewals renewals;

	@Autowired
	Steps steps;

	@Autowired
	DurableTestClock clock;

	@Autowired
	WorkflowAwaiter awaiter;

	@Autowired
	WorkflowCrashes crashes;

	@Autowired
	WorkflowQueries queries;

	@Autowired
	DataSource dataSource;

	@Autowired
	Environment environment;

	@Test
	void theTestRunsOnAnInMemoryH2DatabaseOfItsOwn() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:mem:durable-");
		}
	}

	@Test
	void movingTheClockCanNeitherExpireARunningWorkflowsLeaseNorDeleteEndedWorkflows() {
		assertThat(this.environment.getProperty("durable.worker.lease-duration", Duration.class))
			.isEqualTo(Duration.ofDays(3650));
		assertThat(this.environment.getProperty("durable.retention.enabled", Boolean.class)).isFalse();
	}

	@Test
	void theSameWorkflowIdStartsAfreshInEachTestClass() {
		assertThat(this.client.start("same-id", () -> this.renewals.greet("first class")).await(AWAIT))
			.isEqualTo("hello first class");
	}

	@Test
	void aThirtyDayTimerFiresWhenTheTestMovesTheClock() {
		String id = "renewal-30";
		Instant started = this.clock.instant();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.renewals.renewAfter30Days(id));
		assertThat(this.awaiter.awaitTimer(id)).isEqualTo(started.plus(Duration.ofDays(30)));
		assertThat(this.steps.runs("first", id)).isZero();
		this.clock.advance(Duration.ofDays(29));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.WAITING);
		this.clock.advance(Duration.ofDays(1));
		this.awaiter.awaitStatus(id, WorkflowStatus.COMPLETED);
		assertThat(handle.await(AWAIT)).isEqualTo("first done 30 days later");
	}

	@Test
	void anHourLongRetryBackoffEndsWhenTheClockPassesIt() {
		String id = "retried";
		this.steps.failNext(1);
		this.client.start(id, () -> this.renewals.retried(id));
		Instant nextAttempt = this.awaiter.awaitRetryBackoff(id, "flaky");
		assertThat(nextAttempt).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
		this.clock.set(nextAttempt);
		this.awaiter.awaitStatus(id, WorkflowStatus.COMPLETED);
		assertThat(this.steps.runs("flaky", id)).isEqualTo(2);
	}

	@Test
	void aSignalWaitIsAwaitedByName() {
		String id = "approval";
		WorkflowHandle<String> handle = this.client.start(id, () -> this.renewals.approval(id));
		this.awaiter.awaitSignalWait(id, "approved");
		this.client.signal(id, "approved", "ada");
		assertThat(handle.await(AWAIT)).isEqualTo("first done approved by ada");
	}

	@Test
	void aWaitThatTimesOutSaysWhereTheWorkflowIsAndWhatItRecorded() {
		String id = "stuck";
		this.client.start(id, () -> this.renewals.approval(id));
		this.awaiter.awaitSignalWait(id, "approved");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.awaiter.withTimeout(Duration.ofMillis(200)).awaitStatus(id, WorkflowStatus.COMPLETED))
			.withMessageContaining("Workflow 'stuck' (Renewals.approval) did not reach status COMPLETED: it is WAITING")
			.withMessageContaining("SIGNAL_WAIT_STARTED approved");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.awaiter.withTimeout(Duration.ofMillis(100)).awaitStatus("no-such", WorkflowStatus.COMPLETED))
			.withMessageContaining("no workflow has that id");
		this.client.cancel(id);
	}

	@Test
	void aCrashAfterAStepStopsTheRunWithNothingMoreRecordedAndRecoveryResumesAfterIt() {
		String id = "crash-after";
		this.crashes.crashAfter("first");
		WorkflowHandle<String> handle = this.client.start(id, () -> this.renewals.twoSteps(id));
		WorkflowCrashes.Crash crash = this.crashes.awaitCrash(id);
		assertThat(crash.activityName()).isEqualTo("Steps.first");
		assertThat(crash.recorded()).isTrue();
		assertThat(handle.status()).isEqualTo(WorkflowStatus.RUNNING);
		assertThat(stepEvents(id)).containsExactly("ACTIVITY_COMPLETED Steps.first");
		assertThat(this.steps.runs("second", id)).isZero();
		this.crashes.recover(id);
		assertThat(handle.await(AWAIT)).isEqualTo("first done, second done");
		assertThat(this.steps.runs("first", id)).as("a recorded step is not run again").isEqualTo(1);
		assertThat(this.steps.runs("second", id)).isEqualTo(1);
	}

	@Test
	void aCrashBeforeTheRecordRunsTheStepAgainOnRecovery() {
		String id = "crash-before";
		this.crashes.crashBeforeRecording("Steps.first", id);
		WorkflowHandle<String> handle = this.client.start(id, () -> this.renewals.twoSteps(id));
		assertThat(this.crashes.awaitCrash(id).recorded()).isFalse();
		assertThat(stepEvents(id)).isEmpty();
		this.crashes.recover(id);
		assertThat(handle.await(AWAIT)).isEqualTo("first done, second done");
		assertThat(this.steps.runs("first", id)).as("its record was lost, so it ran again").isEqualTo(2);
	}

	@Test
	void aCrashPointFiresOnlyForItsWorkflow() {
		this.crashes.crashAfter("first", "someone-else");
		String id = "not-crashed";
		assertThat(this.client.start(id, () -> this.renewals.twoSteps(id)).await(AWAIT))
			.isEqualTo("first done, second done");
	}

	private List<String> stepEvents(String id) {
		return this.queries.journal(id)
			.stream()
			.filter((event) -> event.kind().isStep())
			.map((JournalEvent event) -> event.kind() + " " + event.name())
			.toList();
	}

}
