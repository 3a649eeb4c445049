package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.Workflow;
import dev.durable.WorkflowStatus;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowCommands;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Unit tests of durable waits against an {@link InMemoryJournal} and a {@link SteppedClock}: a
 * sleep past the in-thread limit and a signal wait suspend the run, holding no thread, and a later
 * run resumes once the clock passed the wake time or the signal is journaled.
 */
class WorkflowWaitsUnitTests {

	private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

	private final SteppedClock clock = new SteppedClock(START);

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	private final EngineHarness engine = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	private final Mailer mailer = new Mailer();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aSleepLongerThanTheInThreadLimitSuspendsUntilItsWakeTime() {
		this.engine.register(new ReminderWorkflow(this.engine.register(this.mailer)));
		this.engine.start("remind-1", "reminder", "ada");
		this.engine.runDue();
		WorkflowRecord waiting = this.engine.workflow("remind-1");
		assertThat(waiting.status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(waiting.dueAt()).isEqualTo(START.plus(Duration.ofHours(2)));
		assertThat(waiting.owner()).as("no node holds a sleeping workflow").isNull();
		assertThat(this.mailer.sent).hasValue(0);
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.engine.runDue()).as("an hour before its wake time").isZero();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("remind-1").status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.engine.workflow("remind-1").result()).isEqualTo("\"reminded ada\"");
		assertThat(this.mailer.sent).hasValue(1);
		assertThat(this.engine.events("remind-1")).filteredOn((event) -> event.kind() == EventKind.TIMER_STARTED)
			.singleElement()
			.extracting(JournalEvent::output)
			.isEqualTo("\"" + START.plus(Duration.ofHours(2)) + "\"");
	}

	@Test
	void aSignalWaitSuspendsAndAJournaledSignalResumesIt() {
		this.engine.register(new ApprovalWorkflow());
		this.engine.start("approve-1", "approval", "contract");
		this.engine.runDue();
		WorkflowRecord waiting = this.engine.workflow("approve-1");
		assertThat(waiting.status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(waiting.dueAt()).as("a wait without timeout has no wake time").isNull();
		this.clock.advance(Duration.ofDays(30));
		assertThat(this.engine.runDue()).isZero();
		assertThat(this.journal.sendSignal("approve-1", "approval", "\"grace\"", this.clock.instant()))
			.isEqualTo(WorkflowCommands.Delivery.ACCEPTED);
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("approve-1").status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.engine.workflow("approve-1").result()).isEqualTo("\"contract approved by grace\"");
		assertThat(this.engine.events("approve-1")).filteredOn((event) -> event.step() == 1)
			.extracting(JournalEvent::kind, JournalEvent::output)
			.containsExactly(tuple(EventKind.SIGNAL_WAIT_STARTED, null),
					tuple(EventKind.SIGNAL_RECEIVED, "\"grace\""));
	}

	@Test
	void aSignalSentBeforeTheWaitIsTakenInTheFirstRun() {
		this.engine.register(new ApprovalWorkflow());
		this.engine.start("approve-1", "approval", "contract");
		this.journal.sendSignal("approve-1", "approval", "\"grace\"", this.clock.instant());
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("approve-1").result()).isEqualTo("\"contract approved by grace\"");
	}

	@Test
	void aSignalWaitWithATimeoutWakesAtItsDeadlineWithoutTheSignal() {
		this.engine.register(new PatientApprovalWorkflow());
		this.engine.start("approve-1", "patient-approval", "contract");
		this.engine.runDue();
		assertThat(this.engine.workflow("approve-1").dueAt()).isEqualTo(START.plus(Duration.ofDays(1)));
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("approve-1").result()).isEqualTo("\"contract approved by nobody\"");
		assertThat(this.engine.events("approve-1")).extracting(JournalEvent::kind)
			.contains(EventKind.SIGNAL_TIMED_OUT);
	}

	/** An activity that counts what it sent. */
	static class Mailer {

		final AtomicInteger sent = new AtomicInteger();

		@Activity
		public String send(String who) {
			this.sent.incrementAndGet();
			return "reminded " + who;
		}

	}

	/** Sleeps two hours, then mails. */
	@DurableWorkflow(name = "reminder")
	static class ReminderWorkflow {

		private final Mailer mailer;

		ReminderWorkflow(Mailer mailer) {
			this.mailer = mailer;
		}

		public String remind(String who) {
			Workflow.sleep(Duration.ofHours(2));
			return this.mailer.send(who);
		}

	}

	/** Waits for an approver's name, however long it takes. */
	@DurableWorkflow(name = "approval")
	static class ApprovalWorkflow {

		public String approve(String document) {
			return document + " approved by " + Workflow.awaitSignal("approval", String.class);
		}

	}

	/** Waits a day for an approver's name. */
	@DurableWorkflow(name = "patient-approval")
	static class PatientApprovalWorkflow {

		public String approve(String document) {
			return document + " approved by "
					+ Workflow.awaitSignal("approval", String.class, Duration.ofDays(1)).orElse("nobody");
		}

	}

}
