package dev.durable.testing;

import java.time.Duration;
import java.util.List;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.testing.app.FanOut;
import dev.durable.testing.app.Steps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test support with durable futures: a crash in the middle of a fan-out, and waits for a
 * signal future and for a {@code get()} on activity futures that still run.
 */
@DurableTest
class DurableTestFuturesIntegrationTests {

	private static final Duration AWAIT = Duration.ofSeconds(10);

	@Autowired
	WorkflowClient client;

	@Autowired
	FanOut fanOut;

	@Autowired
	Steps steps;

	@Autowired
	WorkflowAwaiter awaiter;

	@Autowired
	WorkflowCrashes crashes;

	@Autowired
	WorkflowQueries queries;

	@Test
	void aCrashAfterTwoOfThreeParallelActivitiesAreRecordedRunsOnlyTheThirdAgain() {
		String id = "fan-out-crash";
		this.crashes.crashAfterCompletions("part", 2, id);
		// Each part ends well apart from the others, and all within the in-thread wait: the run is
		// in get() on its thread when the second record crashes it.
		WorkflowHandle<List<String>> handle = this.client.start(id, () -> this.fanOut.parts(id, 50, 250, 600));
		WorkflowCrashes.Crash crash = this.crashes.awaitCrash(id);
		assertThat(crash.activityName()).isEqualTo("Steps.part");
		assertThat(crash.recorded()).isTrue();
		for (int part = 0; part < 3; part++) {
			awaitRuns("part" + part + "-ended", id, 1);
		}
		List<Integer> recorded = completedSteps(id);
		assertThat(recorded).as("the part that ended after the crash is not recorded").hasSize(2);
		assertThat(handle.status()).isEqualTo(WorkflowStatus.RUNNING);

		this.crashes.recover(id);
		assertThat(handle.await(AWAIT)).containsExactly("part 0", "part 1", "part 2");
		for (int step = 1; step <= 3; step++) {
			assertThat(this.steps.runs("part" + (step - 1), id)).as("runs of the part at step " + step + ", recorded: "
					+ recorded).isEqualTo(recorded.contains(step) ? 1 : 2);
		}
		assertThat(completedSteps(id)).containsExactlyInAnyOrder(1, 2, 3);
	}

	@Test
	void aCrashOfARunParkedOnItsFanOutRunsTheUnrecordedActivitiesAgain() {
		String id = "parked-crash";
		this.crashes.crashAfterCompletions("part", 1, id);
		// All parts outlast the in-thread wait: the run is parked when the first record crashes it.
		WorkflowHandle<List<String>> handle = this.client.start(id, () -> this.fanOut.parts(id, 1300, 1700, 2100));
		assertThat(this.crashes.awaitCrash(id).recorded()).isTrue();
		this.crashes.recover(id);
		assertThat(handle.await(AWAIT)).containsExactly("part 0", "part 1", "part 2");
		assertThat(List.of(this.steps.runs("part0", id), this.steps.runs("part1", id), this.steps.runs("part2", id)))
			.as("the part recorded at the crash ran once, the two that ended after it ran again")
			.containsExactlyInAnyOrder(1, 2, 2);
	}

	@Test
	void aCrashPointCountingCompletionsRefusesACountThatCanNeverBeReached() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.crashes.crashAfterCompletions("part", 0))
			.withMessageContaining("A crash after 0 completions of activity 'part' can never fire: pass 1 or more");
	}

	@Test
	void aSignalFutureRacingATimerIsAwaitedByItsName() {
		String id = "race";
		WorkflowHandle<String> handle = this.client.start(id, () -> this.fanOut.approvalOrDeadline(id));
		this.awaiter.awaitSignalWait(id, "approved");
		assertThatExceptionOfType(AssertionError.class)
			.as("suspended on signal and timer futures, no activity future runs: nothing is parked")
			.isThrownBy(() -> this.awaiter.withTimeout(Duration.ofMillis(200)).awaitFutureWait(id))
			.withMessageContaining("it is WAITING");
		this.client.signal(id, "approved", "ada");
		assertThat(handle.await(AWAIT)).isEqualTo("approved by ada");
		assertThatExceptionOfType(AssertionError.class)
			.as("an answered signal wait is no longer open")
			.isThrownBy(() -> this.awaiter.withTimeout(Duration.ofMillis(200)).awaitSignalWait(id, "approved"));
	}

	@Test
	void aGetOnActivityFuturesThatOutlastTheInThreadWaitIsAwaited() {
		String id = "parked";
		WorkflowHandle<List<String>> handle = this.client.start(id, () -> this.fanOut.parts(id, 2500, 2500, 2500));
		this.awaiter.awaitFutureWait(id);
		assertThat(handle.status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(completedSteps(id)).as("the activities still run").isEmpty();
		assertThat(handle.await(AWAIT)).containsExactly("part 0", "part 1", "part 2");
		assertThatExceptionOfType(AssertionError.class)
			.as("an ended workflow waits on no future")
			.isThrownBy(() -> this.awaiter.withTimeout(Duration.ofMillis(200)).awaitFutureWait(id))
			.withMessageContaining("did not reach a DurableFuture.get() on activity futures that still run: it is COMPLETED");
	}

	private List<Integer> completedSteps(String id) {
		return this.queries.journal(id)
			.stream()
			.filter((event) -> event.kind() == EventKind.ACTIVITY_COMPLETED)
			.map(JournalEvent::step)
			.toList();
	}

	private void awaitRuns(String what, String id, int runs) {
		long deadline = System.nanoTime() + AWAIT.toNanos();
		while (this.steps.runs(what, id) < runs) {
			assertThat(System.nanoTime() - deadline).as(what + " of " + id + " ran " + runs + " times").isNegative();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
