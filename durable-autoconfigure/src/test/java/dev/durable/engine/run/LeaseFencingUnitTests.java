package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;

import dev.durable.WorkflowStatus;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit tests of the fences a run's writes pass, on the {@link InMemoryJournal} alone and through
 * the engine: a claim another claim replaced writes nothing, and no two events share a position.
 */
class LeaseFencingUnitTests {

	private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");

	private final SteppedClock clock = new SteppedClock(START);

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	private final EngineHarness engine = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aWriteWithAReplacedClaimIsRefused() {
		this.journal.create(NewWorkflow.pending("w-1", "any", "[]", START));
		ClaimedWorkflow first = claim(START);
		ClaimedWorkflow second = claim(START.plus(EngineHarness.LEASE).plusSeconds(1));
		assertThat(second.runToken()).isNotEqualTo(first.runToken());
		assertThatExceptionOfType(LeaseLostException.class)
			.isThrownBy(() -> this.journal.append(first, sideEffect(2, 1)))
			.withMessageContaining("'w-1'");
		assertThat(this.journal.append(second, sideEffect(2, 1))).isFalse();
	}

	@Test
	void aSecondEventAtTheSamePositionIsRefused() {
		this.journal.create(NewWorkflow.pending("w-1", "any", "[]", START));
		ClaimedWorkflow claim = claim(START);
		this.journal.append(claim, sideEffect(2, 1));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.journal.append(claim, sideEffect(2, 2)));
		assertThat(this.journal.journal("w-1")).hasSize(2);
	}

	@Test
	void aRunWhoseClaimWasTakenOverStopsWithoutWriting() {
		Takeover takeover = new Takeover(this.journal, this.clock);
		this.engine.register(new TakeoverWorkflow(this.engine.register(takeover)));
		this.engine.start("w-1", "takeover");
		this.engine.runDue();
		WorkflowRecord workflow = this.engine.workflow("w-1");
		assertThat(workflow.status()).isEqualTo(WorkflowStatus.RUNNING);
		assertThat(workflow.owner()).isEqualTo("other-node");
		assertThat(this.engine.events("w-1")).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED);
	}

	private ClaimedWorkflow claim(Instant now) {
		return this.journal.claimDue("node", now, now.plus(EngineHarness.LEASE), 1).get(0).claim();
	}

	private static JournalEvent sideEffect(long seq, int step) {
		return new JournalEvent(seq, step, EventKind.SIDE_EFFECT, "now", 0, null, "\"x\"", null, null, START);
	}

	/** An activity so slow that the lease expires and another node claims its workflow meanwhile. */
	static class Takeover {

		private final InMemoryJournal journal;

		private final SteppedClock clock;

		Takeover(InMemoryJournal journal, SteppedClock clock) {
			this.journal = journal;
			this.clock = clock;
		}

		@Activity
		public String work() {
			this.clock.advance(EngineHarness.LEASE.plusSeconds(1));
			Instant now = this.clock.instant();
			this.journal.claimDue("other-node", now, now.plus(EngineHarness.LEASE), 1);
			return "done";
		}

	}

	/** Calls the slow activity. */
	@DurableWorkflow(name = "takeover")
	static class TakeoverWorkflow {

		private final Takeover takeover;

		TakeoverWorkflow(Takeover takeover) {
			this.takeover = takeover;
		}

		public String run() {
			return this.takeover.work();
		}

	}

}
