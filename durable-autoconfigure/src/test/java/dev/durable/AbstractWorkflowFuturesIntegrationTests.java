package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.AdjustableClock;
import dev.durable.testapp.Calls;
import dev.durable.testapp.FanOutWorkflow;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.ParallelSteps;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Durable futures on every supported database: activities at once, fan-out and fan-in, races
 * between a signal and a timer that replay with the same winner, cancellation while waiting, and
 * child workflows as futures.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class AbstractWorkflowFuturesIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	FanOutWorkflow fanOut;

	@Autowired
	OrderWorkflow orders;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	Calls calls;

	@Autowired
	AdjustableClock clock;

	@Test
	void threeActivitiesStartedAtOnceOverlapAndFinishInWellUnderTheirSum() {
		// Warm up first: the first run of a workflow loads classes, which is not what is measured here.
		this.client.start("warm-up-" + UUID.randomUUID(), () -> this.fanOut.together(3, 1)).await(AWAIT);
		String id = "together-" + UUID.randomUUID();
		WorkflowHandle<List<ParallelSteps.Span>> handle = this.client.start(id, () -> this.fanOut.together(3, 300));
		List<ParallelSteps.Span> spans = handle.await(AWAIT);
		assertThat(spans).extracting(ParallelSteps.Span::index).containsExactly(0, 1, 2);
		Instant lastBegan = spans.stream().map(ParallelSteps.Span::began).max(Instant::compareTo).orElseThrow();
		Instant firstEnded = spans.stream().map(ParallelSteps.Span::ended).min(Instant::compareTo).orElseThrow();
		assertThat(lastBegan).as("every activity began before any ended").isBefore(firstEnded);
		assertThat(spans).extracting(ParallelSteps.Span::key)
			.as("each future has its own idempotency key")
			.containsExactly(id + ":1", id + ":2", id + ":3");
		List<JournalEvent> journal = this.store.journal(id);
		Duration took = Duration.between(journal.get(0).timestamp(), journal.get(journal.size() - 1).timestamp());
		System.out.println("Three activities of 300 ms at once took " + took.toMillis() + " ms");
		assertThat(took).isLessThan(Duration.ofMillis(850));
	}

	@Test
	void theJournalRecordsWhenEachParallelActivityBeganSoThatTheirSpansOverlap() {
		String id = "spans-" + UUID.randomUUID();
		this.client.start(id, () -> this.fanOut.together(3, 300)).await(AWAIT);
		List<JournalEvent> completed = this.store.journal(id)
			.stream()
			.filter((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.toList();
		// Both times are the engine's clock (which other tests move, so not compared with the activity's).
		assertThat(completed).hasSize(3)
			.allSatisfy((event) -> assertThat(Duration.between(event.startedAt(), event.timestamp()))
				.as("step " + event.step() + " spans its 300 ms of work")
				.isGreaterThanOrEqualTo(Duration.ofMillis(300)));
		Instant lastBegan = completed.stream().map(JournalEvent::startedAt).max(Instant::compareTo).orElseThrow();
		Instant firstEnded = completed.stream().map(JournalEvent::timestamp).min(Instant::compareTo).orElseThrow();
		assertThat(lastBegan).as("the three recorded spans overlap").isBefore(firstEnded);
	}

	@Test
	void eachFailedAttemptAndAChildWorkflowsEndRecordWhenTheyBegan() {
		String flaky = "attempt-spans-" + UUID.randomUUID();
		this.client.start(flaky, () -> this.orders.flaky(flaky, 2)).await(AWAIT);
		List<JournalEvent> attempts = this.store.journal(flaky).stream().filter((event) -> event.step() == 1).toList();
		assertThat(attempts).extracting(JournalEvent::attempt).containsExactly(1, 2, 3);
		assertThat(attempts).allSatisfy((event) -> assertThat(event.startedAt()).isNotNull()
			.isBeforeOrEqualTo(event.timestamp()));
		for (int i = 1; i < attempts.size(); i++) {
			assertThat(attempts.get(i).startedAt()).as("attempt %d began after attempt %d ended", i + 1, i)
				.isAfterOrEqualTo(attempts.get(i - 1).timestamp());
		}
		String parent = "child-spans-" + UUID.randomUUID();
		this.client.start(parent, () -> this.fanOut.children(5)).await(AWAIT);
		List<JournalEvent> journal = this.store.journal(parent);
		for (int step = 1; step <= 2; step++) {
			int at = step;
			JournalEvent started = journal.stream()
				.filter((event) -> event.step() == at && event.kind() == EventKind.CHILD_STARTED)
				.findFirst()
				.orElseThrow();
			JournalEvent ended = journal.stream()
				.filter((event) -> event.step() == at && event.kind() == EventKind.CHILD_COMPLETED)
				.findFirst()
				.orElseThrow();
			assertThat(ended.startedAt()).as("the child's end carries its start").isEqualTo(started.timestamp());
		}
	}

	@Test
	void aFanOutOfAThousandActivitiesJoinsWithEveryResultInPlace() {
		String id = "thousand-" + UUID.randomUUID();
		long started = System.nanoTime();
		WorkflowHandle<Long> handle = this.client.start(id, () -> this.fanOut.sumOfSquares(1000, 0));
		assertThat(handle.await(AWAIT)).isEqualTo(1000L * 1001 * 2001 / 6);
		System.out.println("A fan-out of 1,000 activities took " + Duration.ofNanos(System.nanoTime() - started).toMillis()
				+ " ms");
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.extracting(JournalEvent::step)
			.as("one recorded outcome at each future's step")
			.containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList());
	}

	@Test
	void theFailureOfOneActivityIsWhatAllOfThrows() {
		String id = "one-fails-" + UUID.randomUUID();
		WorkflowHandle<Long> handle = this.client.start(id, () -> this.fanOut.sumOfSquares(20, 7));
		assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(AWAIT))
			.withMessageContaining(ActivityFailedException.class.getName())
			.withMessageContaining("square 7 is not to be computed");
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.as("the others completed")
			.hasSize(19);
	}

	@Test
	void aSignalThatComesFirstWinsTheRaceAndAReplayTakesItAgainWhenTheTimerHasFiredToo() throws Exception {
		String id = "race-signal-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.fanOut.race(Duration.ofHours(1).toMillis()));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.signal(id, "approval", "grace");
		awaitWait(id, "go");
		// Moved while the workflow waits, not while it runs: a moved clock expires running leases.
		this.clock.advance(Duration.ofHours(2));
		this.client.signal(id, "go", "now");
		assertThat(handle.await(AWAIT)).isEqualTo("approved by grace");
		assertThat(winners(id)).containsExactly("0");
	}

	@Test
	void aTimerThatFiresFirstWinsTheRaceAndAReplayTakesItAgainWhenTheSignalCameToo() throws Exception {
		String id = "race-timer-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.fanOut.race(Duration.ofHours(1).toMillis()));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.clock.advance(Duration.ofHours(2));
		awaitWait(id, "go");
		this.client.signal(id, "approval", "grace");
		this.client.signal(id, "go", "now");
		assertThat(handle.await(AWAIT)).isEqualTo("escalated");
		assertThat(winners(id)).containsExactly("1");
		assertThat(this.store.journal(id)).filteredOn((event) -> event.kind() == EventKind.SIGNAL_RECEIVED)
			.extracting(JournalEvent::name)
			.as("the losing signal future took no signal")
			.containsExactly("go");
	}

	@Test
	void cancellingWhileWaitingOnFuturesRunsTheCompensationAndEndsCancelled() throws Exception {
		String id = "cancel-futures-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.fanOut.compensateWhenCancelled(2000));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);
		this.client.cancel(id);
		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(AWAIT));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.CANCELLED);
		assertThat(this.calls.sequence("parallel-compensations")).containsOnlyOnce(id);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsSubsequence(EventKind.CANCELLATION_DELIVERED, EventKind.ACTIVITY_COMPLETED,
					EventKind.WORKFLOW_CANCELLED);
	}

	@Test
	void aWorkflowThatReturnsWhileAFutureRunsEndsWithoutWaitingAndTheLateResultIsNotRecorded() throws Exception {
		String id = "early-" + UUID.randomUUID();
		long started = System.nanoTime();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.fanOut.returnsEarly(1000));
		assertThat(handle.await(AWAIT)).isEqualTo("did not wait");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ended without waiting for the activity")
			.isLessThan(Duration.ofMillis(1000));
		Thread.sleep(1500);
		assertThat(this.store.journal(id)).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.WORKFLOW_COMPLETED);
	}

	@Test
	void childWorkflowsStartedAsFuturesRunAsWorkflowsOfTheirOwn() {
		String id = "children-" + UUID.randomUUID();
		WorkflowHandle<Integer> handle = this.client.start(id, () -> this.fanOut.children(5));
		assertThat(handle.await(AWAIT)).isEqualTo(25);
		assertThat(this.store.find(id + "/1").orElseThrow().status()).isEqualTo(WorkflowStatus.COMPLETED);
		assertThat(this.store.find(id + "/2").orElseThrow().status()).isEqualTo(WorkflowStatus.COMPLETED);
	}

	private List<String> winners(String id) {
		return this.store.journal(id)
			.stream()
			.filter((event) -> event.kind() == EventKind.SIDE_EFFECT && event.name().equals("anyOf"))
			.map(JournalEvent::output)
			.toList();
	}

	private void awaitWait(String id, String signal) throws InterruptedException {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (!waitsFor(id, signal) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(waitsFor(id, signal)).as("waits for signal '" + signal + "'").isTrue();
	}

	private boolean waitsFor(String id, String signal) {
		return this.store.find(id).orElseThrow().status() == WorkflowStatus.WAITING && this.store.journal(id)
			.stream()
			.anyMatch((event) -> event.kind() == EventKind.SIGNAL_WAIT_STARTED && event.name().equals(signal));
	}

}
