package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.ActivityFailedException;
import dev.durable.WorkflowStatus;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Unit tests of retry arithmetic against an {@link InMemoryJournal} and a {@link SteppedClock}:
 * each failed attempt is journaled with the time of the next one, taken from the policy's
 * backoff; a backoff past the in-thread limit suspends the workflow until then; the last allowed
 * attempt's failure reaches the workflow as {@link ActivityFailedException}.
 */
class ActivityRetryUnitTests {

	private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

	private final SteppedClock clock = new SteppedClock(START);

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	// 1s after the first failure, 2s after the second; the third attempt is the last.
	private final EngineHarness engine = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	private final Gateway gateway = new Gateway();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void eachFailedAttemptIsJournaledWithTheNextAttemptTimeFromTheBackoff() {
		this.gateway.failures.set(2);
		startPayment(this.engine);
		this.engine.runDue();
		assertThat(this.engine.workflow("pay-1").status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(this.engine.workflow("pay-1").dueAt()).isEqualTo(START.plusSeconds(1));
		assertThat(this.engine.runDue()).as("not due before its backoff ends").isZero();
		this.clock.advance(Duration.ofSeconds(1));
		this.engine.runDue();
		assertThat(this.engine.workflow("pay-1").dueAt()).isEqualTo(START.plusSeconds(3));
		this.clock.advance(Duration.ofSeconds(2));
		this.engine.runDue();
		assertThat(this.engine.workflow("pay-1").status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.engine.workflow("pay-1").result()).isEqualTo("\"charged 500\"");
		assertThat(this.gateway.calls).hasValue(3);
		assertThat(this.engine.events("pay-1")).filteredOn((event) -> event.step() == 1)
			.extracting(JournalEvent::kind, JournalEvent::attempt, JournalEvent::output, JournalEvent::timestamp)
			.containsExactly(
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 1, json(START.plusSeconds(1)), START),
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 2, json(START.plusSeconds(3)), START.plusSeconds(1)),
					tuple(EventKind.ACTIVITY_COMPLETED, 3, "\"charged 500\"", START.plusSeconds(3)));
	}

	@Test
	void theLastAllowedAttemptsFailureReachesTheWorkflowWithTheAttemptCount() {
		this.gateway.failures.set(Integer.MAX_VALUE);
		startPayment(this.engine);
		this.engine.runDue();
		this.clock.advance(Duration.ofSeconds(1));
		this.engine.runDue();
		this.clock.advance(Duration.ofSeconds(2));
		this.engine.runDue();
		WorkflowRecord payment = this.engine.workflow("pay-1");
		assertThat(payment.status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(payment.result()).isEqualTo("\"gave up on Gateway.charge after 3 attempts\"");
		assertThat(this.gateway.calls).hasValue(3);
		assertThat(this.engine.events("pay-1")).filteredOn((event) -> event.step() == 1)
			.extracting(JournalEvent::kind, JournalEvent::attempt, JournalEvent::errorType)
			.containsExactly(tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 1, IllegalStateException.class.getName()),
					tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 2, IllegalStateException.class.getName()),
					tuple(EventKind.ACTIVITY_FAILED, 3, IllegalStateException.class.getName()));
	}

	@Test
	void aRestartMidBackoffResumesWithTheAttemptsLeft() {
		this.gateway.failures.set(Integer.MAX_VALUE);
		startPayment(this.engine);
		this.engine.runDue();
		this.clock.advance(Duration.ofSeconds(1));
		this.engine.runDue();
		// A new process: nothing in memory but the journal.
		Gateway restarted = new Gateway();
		restarted.failures.set(Integer.MAX_VALUE);
		try (EngineHarness next = new EngineHarness(this.journal, this.clock,
				RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)))) {
			next.register(new PaymentWorkflow(next.register(restarted)));
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(next.runDue()).as("still within the 2s backoff").isZero();
			this.clock.advance(Duration.ofSeconds(1));
			next.runDue();
			assertThat(restarted.calls).as("only the third attempt is left").hasValue(1);
			assertThat(next.workflow("pay-1").result()).isEqualTo("\"gave up on Gateway.charge after 3 attempts\"");
		}
	}

	@Test
	void aBackoffWithinTheInThreadLimitRetriesInTheSameRun() {
		EngineHarness quick = new EngineHarness(this.journal, this.clock,
				RetryPolicy.exponential("quick", 3, Duration.ofMillis(5), 1.0, Duration.ofMillis(5)));
		try (quick) {
			this.gateway.failures.set(2);
			startPayment(quick);
			assertThat(quick.runDue()).isOne();
			assertThat(quick.workflow("pay-1").status()).isEqualTo(WorkflowStatus.COMPLETED);
			assertThat(this.gateway.calls).hasValue(3);
		}
	}

	@Test
	void aFailureThePolicyDoesNotRetryFailsTheActivityAtOnce() {
		RetryPolicy policy = new RetryPolicy("no-illegal-argument", 5, (attempt, failure) -> Duration.ofSeconds(1),
				(failure) -> !(failure instanceof IllegalArgumentException));
		try (EngineHarness strict = new EngineHarness(this.journal, this.clock, policy)) {
			this.gateway.failures.set(Integer.MAX_VALUE);
			this.gateway.failure = new IllegalArgumentException("card number malformed");
			startPayment(strict);
			strict.runDue();
			assertThat(strict.workflow("pay-1").result()).isEqualTo("\"gave up on Gateway.charge after 1 attempts\"");
			assertThat(this.gateway.calls).hasValue(1);
		}
	}

	private void startPayment(EngineHarness harness) {
		harness.register(new PaymentWorkflow(harness.register(this.gateway)));
		harness.start("pay-1", "payment", 500);
	}

	private static String json(Instant instant) {
		return "\"" + instant + "\"";
	}

	/** An activity that fails a given number of times, then succeeds. */
	static class Gateway {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger calls = new AtomicInteger();

		RuntimeException failure = new IllegalStateException("gateway unavailable");

		@Activity
		public String charge(int cents) {
			this.calls.incrementAndGet();
			if (this.failures.getAndDecrement() > 0) {
				throw this.failure;
			}
			return "charged " + cents;
		}

	}

	/** Pays, and says so if the payment failed for good. */
	@DurableWorkflow(name = "payment")
	static class PaymentWorkflow {

		private final Gateway gateway;

		PaymentWorkflow(Gateway gateway) {
			this.gateway = gateway;
		}

		public String pay(int cents) {
			try {
				return this.gateway.charge(cents);
			}
			catch (ActivityFailedException ex) {
				return "gave up on " + ex.getActivityName() + " after " + ex.getAttempts() + " attempts";
			}
		}

	}

}
