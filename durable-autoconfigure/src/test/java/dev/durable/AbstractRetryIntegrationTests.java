package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.testapp.Calls;
import dev.durable.testapp.TestApplication;
import dev.durable.testapp.TransferWorkflow;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Retry policies from {@code resilience4j.retry.instances.*}, journaled attempt by attempt, and
 * per-attempt timeouts, on every supported database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractRetryIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	TransferWorkflow transfers;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Test
	void aDepositThatFailsThreeTimesIsRetriedUntilItSucceedsAndTheWithdrawalRunsOnce() {
		String id = "transfer-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.transfers.transfer(id, 2500, 3)).await(AWAIT);
		assertThat(result).isEqualTo("W-2500|D-2500-" + id + ":2");
		assertThat(this.calls.count("withdraw:" + id)).isEqualTo(1);
		assertThat(this.calls.count("deposit:" + id)).isEqualTo(4);
		assertThat(steps(id)).extracting(JournalEvent::kind, JournalEvent::name, JournalEvent::attempt)
			.containsExactly(tuple(EventKind.ACTIVITY_COMPLETED, "Bank.withdraw", 1),
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, "Bank.deposit", 1),
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, "Bank.deposit", 2),
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, "Bank.deposit", 3),
					tuple(EventKind.ACTIVITY_COMPLETED, "Bank.deposit", 4));
		assertThat(steps(id).get(1).errorType()).isEqualTo("java.io.IOException");
	}

	@Test
	void anIgnoredExceptionIsNotRetried() {
		String id = "declined-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.transfers.charge(id, true)).await(AWAIT);
		assertThat(result).isEqualTo("1|java.lang.IllegalArgumentException|card declined");
		assertThat(this.calls.count("charge:" + id)).isEqualTo(1);
	}

	@Test
	void anAlwaysFailingActivityStopsAfterMaxAttempts() {
		String id = "down-" + UUID.randomUUID();
		String result = this.client.start(id, () -> this.transfers.charge(id, false)).await(AWAIT);
		assertThat(result).isEqualTo("4|java.lang.IllegalStateException|payment provider down");
		assertThat(this.calls.count("charge:" + id)).isEqualTo(4);
		assertThat(steps(id)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_ATTEMPT_FAILED,
					EventKind.ACTIVITY_ATTEMPT_FAILED, EventKind.ACTIVITY_FAILED);
	}

	@Test
	void backoffFollowsTheConfiguredIntervalFunction() {
		String id = "backoff-" + UUID.randomUUID();
		assertThat(this.client.start(id, () -> this.transfers.unstable(id)).await(AWAIT)).isEqualTo("gave up after 4");
		List<JournalEvent> attempts = steps(id);
		// wait-duration 20ms, exponential x3: the journaled next-attempt times are 20, 60 and 180 ms out.
		assertThat(attempts.subList(0, 3)).extracting(
				(event) -> Duration.between(event.timestamp(), Instant.parse(event.output().replace("\"", ""))).toMillis())
			.containsExactly(20L, 60L, 180L);
		for (int i = 1; i < attempts.size(); i++) {
			assertThat(attempts.get(i).timestamp()).as("attempt " + (i + 1) + " not before its time")
				.isAfterOrEqualTo(Instant.parse(attempts.get(i - 1).output().replace("\"", "")));
		}
	}

	@Test
	void anAttemptPastItsTimeoutCountsAsFailedAndItsThreadIsInterrupted() throws InterruptedException {
		String id = "slow-" + UUID.randomUUID();
		assertThat(this.client.start(id, () -> this.transfers.slow(id)).await(AWAIT)).isEqualTo("fast on attempt 2");
		assertThat(steps(id)).extracting(JournalEvent::kind, JournalEvent::errorType)
			.containsExactly(tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, "java.util.concurrent.TimeoutException"),
					tuple(EventKind.ACTIVITY_COMPLETED, null));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.calls.count("interrupted:" + id) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.calls.count("interrupted:" + id)).as("the overrunning attempt was interrupted").isEqualTo(1);
	}

	private List<JournalEvent> steps(String id) {
		return this.store.journal(id).stream().filter((event) -> event.kind().isStep()).toList();
	}

}
