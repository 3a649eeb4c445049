package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.DurableFuture;
import dev.durable.NonDeterministicWorkflowException;
import dev.durable.Workflow;
import dev.durable.WorkflowStatus;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Unit tests of durable futures against an {@link InMemoryJournal} and a {@link SteppedClock}:
 * steps are numbered in call order whatever order the futures finish in, the winner of a race is
 * recorded and replayed, and a replay that meets the futures in another order is non-determinism.
 */
class FutureStepsUnitTests {

	private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

	private final SteppedClock clock = new SteppedClock(START);

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	private final RetryPolicy retry = RetryPolicy.exponential("unit", 1, Duration.ofSeconds(1), 2.0,
			Duration.ofMinutes(1));

	private final EngineHarness engine = new EngineHarness(this.journal, this.clock, this.retry);

	private final Greeter greeter = new Greeter();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void futuresTakeStepsInCallOrderAndRecordTheirOutcomesAtThem() {
		this.engine.register(new FanOutWorkflow(this.engine.register(this.greeter)));
		this.engine.start("fan-1", "fan-out", List.of("ada", "bob", "cy"));
		this.engine.runDue();
		WorkflowRecord ended = this.engine.workflow("fan-1");
		assertThat(ended.status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(ended.result()).isEqualTo("\"hello ada, hello bob, hello cy\"");
		assertThat(this.engine.events("fan-1")).filteredOn((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.extracting(JournalEvent::step, JournalEvent::output)
			.containsExactlyInAnyOrder(tuple(1, "\"hello ada\""), tuple(2, "\"hello bob\""), tuple(3, "\"hello cy\""));
		assertThat(this.greeter.calls).hasValue(3);
		assertThat(this.engine.check("fan-1").deterministic()).isTrue();
	}

	@Test
	void aLambdaMakingTwoDurableCallsFailsTheWorkflowNamingIt() {
		this.engine.register(new GreedyWorkflow(this.engine.register(this.greeter)));
		this.engine.start("greedy-1", "greedy");
		this.engine.runDue();
		WorkflowRecord ended = this.engine.workflow("greedy-1");
		assertThat(ended.status()).isEqualTo(WorkflowStatus.FAILED);
		assertThat(ended.errorType()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(ended.error()).contains("workflow 'greedy-1'").contains("made a second durable call");
		assertThat(this.greeter.calls).as("nothing ran").hasValue(0);
	}

	@Test
	void aSignalThatComesFirstWinsTheRace() {
		this.engine.register(new RaceWorkflow());
		this.engine.start("race-1", "race");
		this.journal.sendSignal("race-1", "approval", "\"grace\"", this.clock.instant());
		this.engine.runDue();
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("race-1").result()).isEqualTo("\"approved by grace\"");
		assertThat(this.engine.events("race-1")).filteredOn((event) -> event.kind() == EventKind.SIDE_EFFECT)
			.extracting(JournalEvent::name, JournalEvent::output)
			.contains(tuple("anyOf", "0"), tuple("isDone", "true"));
	}

	@Test
	void aTimerThatFiresFirstWinsTheRaceAndReplayKeepsItsWinnerWhenTheSignalCameToo() {
		this.engine.register(new RaceWorkflow());
		this.engine.start("race-1", "race");
		this.engine.runDue();
		WorkflowRecord waiting = this.engine.workflow("race-1");
		assertThat(waiting.status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(waiting.dueAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.engine.runDue()).isOne();
		assertThat(this.engine.workflow("race-1").status()).as("sleeps after the race").isEqualTo(WorkflowStatus.WAITING);
		// Both are done now: the replay must still take the recorded winner, the timer.
		this.journal.sendSignal("race-1", "approval", "\"grace\"", this.clock.instant());
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.engine.runDue()).isOne();
		WorkflowRecord ended = this.engine.workflow("race-1");
		assertThat(ended.status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(ended.result()).isEqualTo("\"escalated\"");
		assertThat(this.engine.events("race-1")).extracting(JournalEvent::kind)
			.as("the losing signal future took nothing")
			.doesNotContain(EventKind.SIGNAL_RECEIVED);
	}

	@Test
	void aReplayMeetingTheFuturesInAnotherOrderIsNonDeterminismNamingTheStep() {
		this.engine.register(new FanOutThenSleepWorkflow(this.engine.register(this.greeter)));
		this.engine.start("fan-1", "fan-out-then-sleep", List.of("ada", "bob"));
		this.engine.runDue();
		assertThat(this.engine.workflow("fan-1").status()).isEqualTo(WorkflowStatus.WAITING);
		try (EngineHarness deployed = new EngineHarness(this.journal, this.clock, this.retry)) {
			deployed.register(new ReorderedWorkflow(deployed.register(new Greeter()), deployed.register(new Shouter())));
			this.clock.advance(Duration.ofHours(2));
			deployed.runDue();
			WorkflowRecord ended = deployed.workflow("fan-1");
			assertThat(ended.status()).isEqualTo(WorkflowStatus.FAILED);
			assertThat(ended.errorType()).isEqualTo(NonDeterministicWorkflowException.class.getName());
			assertThat(ended.error()).contains("at step 1").contains("activity 'Shouter.shout'")
				.contains("activity 'Greeter.greet'");
		}
	}

	@Test
	void aFutureInItsRetryBackoffHoldsNoThreadOfThePool() {
		RetryPolicy hourly = RetryPolicy.exponential("hourly", 3, Duration.ofHours(1), 2.0, Duration.ofHours(4));
		try (EngineHarness single = new EngineHarness(this.journal, this.clock, hourly, 1)) {
			single.register(new BackoffWorkflow(single.register(new Flaky()), single.register(this.greeter)));
			single.start("backoff-1", "backoff");
			single.runDue();
			assertThat(single.workflow("backoff-1").status()).isEqualTo(WorkflowStatus.WAITING);
			assertThat(single.events("backoff-1")).extracting(JournalEvent::kind, JournalEvent::step)
				.as("the greeting ran on the pool's only thread while the flaky call waits for its next attempt")
				.contains(tuple(EventKind.ACTIVITY_ATTEMPT_FAILED, 1), tuple(EventKind.ACTIVITY_COMPLETED, 2));
		}
	}

	@Test
	void aFutureEndingAsItsRunParksWakesTheRunAndStopsItsLeaseRenewal() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		LeaseKeeper leases = new LeaseKeeper(this.journal) {

			@Override
			void keepParked(ClaimedWorkflow claim, Runnable onCancel) {
				// The awaited activity ends now, while the run is being parked.
				release.countDown();
				awaitRecorded(claim.workflowId());
				super.keepParked(claim, onCancel);
			}

		};
		try (EngineHarness held = new EngineHarness(this.journal, this.clock, this.retry, 2, leases)) {
			held.register(new HeldWorkflow(held.register(new HeldGreeter(release))));
			held.start("held-1", "held");
			held.runDue();
			assertThat(held.workflow("held-1").status()).isEqualTo(WorkflowStatus.WAITING);
			assertThat(held.workflow("held-1").dueAt()).as("woken: due now").isEqualTo(this.clock.instant());
			assertThat(leases.parked()).as("no lease renewed past the wake").isEmpty();
			assertThat(held.runDue()).isOne();
			assertThat(held.workflow("held-1").result()).isEqualTo("\"hello ada\"");
		}
	}

	/** Waits until the workflow's activity is recorded, and a little longer for its future to learn it. */
	private void awaitRecorded(String workflowId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.journal.journal(workflowId)
			.stream()
			.noneMatch((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)) {
			assertThat(System.nanoTime()).as("activity recorded in time").isLessThan(deadline);
			sleep(5);
		}
		sleep(200);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Greets once released. */
	static class HeldGreeter {

		private final CountDownLatch release;

		HeldGreeter(CountDownLatch release) {
			this.release = release;
		}

		@Activity
		public String greet(String who) {
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "hello " + who;
		}

	}

	/** Awaits one held greeting. */
	@DurableWorkflow(name = "held")
	static class HeldWorkflow {

		private final HeldGreeter greeter;

		HeldWorkflow(HeldGreeter greeter) {
			this.greeter = greeter;
		}

		public String run() {
			return Workflow.async(() -> this.greeter.greet("ada")).get();
		}

	}

	/** Fails its first attempt. */
	static class Flaky {

		final AtomicInteger attempts = new AtomicInteger();

		@Activity
		public String call() {
			if (this.attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("not yet");
			}
			return "at last";
		}

	}

	/** A flaky call and a greeting at once. */
	@DurableWorkflow(name = "backoff")
	static class BackoffWorkflow {

		private final Flaky flaky;

		private final Greeter greeter;

		BackoffWorkflow(Flaky flaky, Greeter greeter) {
			this.flaky = flaky;
			this.greeter = greeter;
		}

		public String run() {
			DurableFuture<String> flakyCall = Workflow.async(this.flaky::call);
			DurableFuture<String> greeting = Workflow.async(() -> this.greeter.greet("ada"));
			return greeting.get() + " " + flakyCall.get();
		}

	}

	/** Greets, counting its calls. */
	static class Greeter {

		final AtomicInteger calls = new AtomicInteger();

		@Activity
		public String greet(String who) {
			this.calls.incrementAndGet();
			return "hello " + who;
		}

	}

	/** Shouts. */
	static class Shouter {

		@Activity
		public String shout(String who) {
			return who.toUpperCase();
		}

	}

	/** Greets everyone at once. */
	@DurableWorkflow(name = "fan-out")
	static class FanOutWorkflow {

		private final Greeter greeter;

		FanOutWorkflow(Greeter greeter) {
			this.greeter = greeter;
		}

		public String greetAll(List<String> names) {
			List<DurableFuture<String>> greetings = names.stream()
				.map((name) -> Workflow.async(() -> this.greeter.greet(name)))
				.toList();
			DurableFuture.allOf(greetings).get();
			return String.join(", ", greetings.stream().map(DurableFuture::get).toList());
		}

	}

	/** Greets everyone at once, then sleeps an hour. */
	@DurableWorkflow(name = "fan-out-then-sleep")
	static class FanOutThenSleepWorkflow {

		private final Greeter greeter;

		FanOutThenSleepWorkflow(Greeter greeter) {
			this.greeter = greeter;
		}

		public String greetAllThenSleep(List<String> names) {
			String greeted = new FanOutWorkflow(this.greeter).greetAll(names);
			Workflow.sleep(Duration.ofHours(1));
			return greeted;
		}

	}

	/** The same fan-out, deployed with another activity started first. */
	@DurableWorkflow(name = "fan-out-then-sleep")
	static class ReorderedWorkflow {

		private final Greeter greeter;

		private final Shouter shouter;

		ReorderedWorkflow(Greeter greeter, Shouter shouter) {
			this.greeter = greeter;
			this.shouter = shouter;
		}

		public String greetAllThenSleep(List<String> names) {
			DurableFuture<String> shout = Workflow.async(() -> this.shouter.shout(names.get(0)));
			DurableFuture<String> greet = Workflow.async(() -> this.greeter.greet(names.get(0)));
			return shout.get() + greet.get();
		}

	}

	/** Makes two activity calls in one async lambda. */
	@DurableWorkflow(name = "greedy")
	static class GreedyWorkflow {

		private final Greeter greeter;

		GreedyWorkflow(Greeter greeter) {
			this.greeter = greeter;
		}

		public String run() {
			return Workflow.async(() -> this.greeter.greet("a") + this.greeter.greet("b")).get();
		}

	}

	/** An approval or, an hour later, an escalation; then a day's sleep. */
	@DurableWorkflow(name = "race")
	static class RaceWorkflow {

		public String race() {
			DurableFuture<String> approval = Workflow.signal("approval", String.class);
			DurableFuture<Void> deadline = Workflow.timer(Duration.ofHours(1));
			DurableFuture<Object> first = DurableFuture.anyOf(List.of(approval, deadline));
			first.get();
			boolean approved = approval.isDone();
			Workflow.sleep(Duration.ofDays(1));
			return approved ? "approved by " + approval.get() : "escalated";
		}

	}

}
