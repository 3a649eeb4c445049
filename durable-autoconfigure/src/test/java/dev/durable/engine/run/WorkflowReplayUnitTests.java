package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.NonDeterministicWorkflowException;
import dev.durable.Workflow;
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

/**
 * Unit tests of replay against an {@link InMemoryJournal}: recorded steps return their recorded
 * outcomes, and code that no longer makes the recorded calls stops the workflow as
 * non-deterministic. A second {@link EngineHarness} on the same journal plays a deploy of changed
 * code.
 */
class WorkflowReplayUnitTests {

	private final SteppedClock clock = new SteppedClock(Instant.parse("2030-01-01T10:00:00Z"));

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	private final EngineHarness oldCode = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	private final EngineHarness newCode = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	// Counted on the object itself: a proxy's fields are not the target's.
	private final Warehouse warehouse = new Warehouse();

	@AfterEach
	void close() {
		this.oldCode.close();
		this.newCode.close();
	}

	@Test
	void replayReturnsRecordedActivityResultsWithoutRunningTheActivitiesAgain() {
		this.oldCode.register(new OrderWorkflow(this.oldCode.register(this.warehouse)));
		this.oldCode.start("order-1", "order", "lamp");
		this.oldCode.runDue();
		assertThat(this.warehouse.reserved).hasValue(1);
		assertThat(this.oldCode.workflow("order-1").status()).isEqualTo(WorkflowStatus.WAITING);
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.oldCode.runDue()).isOne();
		WorkflowRecord order = this.oldCode.workflow("order-1");
		assertThat(order.status()).isEqualTo(WorkflowStatus.COMPLETED);
		// A second reservation would have answered "reserved lamp #2".
		assertThat(order.result()).isEqualTo("\"reserved lamp #1, shipped lamp #1\"");
		assertThat(this.warehouse.reserved).hasValue(1);
		assertThat(this.warehouse.shipped).hasValue(1);
		assertThat(this.oldCode.events("order-1")).extracting(JournalEvent::kind)
			.containsExactly(EventKind.WORKFLOW_STARTED, EventKind.ACTIVITY_COMPLETED, EventKind.TIMER_STARTED,
					EventKind.ACTIVITY_COMPLETED, EventKind.WORKFLOW_COMPLETED);
	}

	@Test
	void anotherActivityWhereTheJournalRecordedOneStopsTheWorkflowNamingTheStep() {
		suspendOldOrder();
		Warehouse newWarehouse = new Warehouse();
		this.newCode.register(new ShipFirstWorkflow(this.newCode.register(newWarehouse)));
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.newCode.runDue()).isOne();
		WorkflowRecord order = this.newCode.workflow("order-1");
		assertThat(order.status()).isEqualTo(WorkflowStatus.FAILED);
		assertThat(order.errorType()).isEqualTo(NonDeterministicWorkflowException.class.getName());
		assertThat(order.error()).contains("at step 1 the code now calls activity 'Warehouse.ship', "
				+ "but the journal recorded activity 'Warehouse.reserve'");
		assertThat(newWarehouse.shipped).hasValue(0);
		assertThat(newWarehouse.reserved).hasValue(0);
		assertThat(this.newCode.events("order-1")).last()
			.extracting(JournalEvent::kind)
			.isEqualTo(EventKind.NON_DETERMINISM_DETECTED);
	}

	@Test
	void codeThatEndsBeforeTheRecordedStepsStopsTheWorkflowAsNonDeterministic() {
		suspendOldOrder();
		Warehouse newWarehouse = new Warehouse();
		this.newCode.register(new ReserveOnlyWorkflow(this.newCode.register(newWarehouse)));
		this.clock.advance(Duration.ofHours(1));
		this.newCode.runDue();
		WorkflowRecord order = this.newCode.workflow("order-1");
		assertThat(order.status()).isEqualTo(WorkflowStatus.FAILED);
		assertThat(order.errorType()).isEqualTo(NonDeterministicWorkflowException.class.getName());
		assertThat(order.error()).contains("the code now ends after step 1, but the journal records 2 steps");
		assertThat(newWarehouse.reserved).hasValue(0);
		assertThat(this.newCode.events("order-1")).last()
			.extracting(JournalEvent::kind)
			.isEqualTo(EventKind.NON_DETERMINISM_DETECTED);
	}

	@Test
	void replayCheckNamesTheMismatchedStepAndWritesNothing() {
		suspendOldOrder();
		Warehouse newWarehouse = new Warehouse();
		this.newCode.register(new ShipFirstWorkflow(this.newCode.register(newWarehouse)));
		int recorded = this.journal.journal("order-1").size();
		ReplayChecker.ReplayResult result = this.newCode.check("order-1");
		assertThat(result.deterministic()).isFalse();
		assertThat(result.detail()).contains("at step 1 the code now calls activity 'Warehouse.ship'");
		assertThat(this.journal.journal("order-1")).hasSize(recorded);
		assertThat(this.journal.find("order-1").orElseThrow().status()).isEqualTo(WorkflowStatus.WAITING);
		assertThat(this.oldCode.check("order-1").deterministic()).isTrue();
	}

	/**
	 * Run the old code's order up to its timer: the journal then records the reservation (step 1)
	 * and the timer (step 2).
	 */
	private void suspendOldOrder() {
		this.oldCode.register(new OrderWorkflow(this.oldCode.register(this.warehouse)));
		this.oldCode.start("order-1", "order", "lamp");
		this.oldCode.runDue();
		assertThat(this.oldCode.workflow("order-1").status()).isEqualTo(WorkflowStatus.WAITING);
	}

	/** Activities that count their calls and answer with the count, so a rerun would show. */
	static class Warehouse {

		final AtomicInteger reserved = new AtomicInteger();

		final AtomicInteger shipped = new AtomicInteger();

		@Activity
		public String reserve(String item) {
			return "reserved " + item + " #" + this.reserved.incrementAndGet();
		}

		@Activity
		public String ship(String item) {
			return "shipped " + item + " #" + this.shipped.incrementAndGet();
		}

	}

	/** The deployed code: reserve, wait an hour, ship. */
	@DurableWorkflow(name = "order")
	static class OrderWorkflow {

		private final Warehouse warehouse;

		OrderWorkflow(Warehouse warehouse) {
			this.warehouse = warehouse;
		}

		public String fulfil(String item) {
			String reservation = this.warehouse.reserve(item);
			Workflow.sleep(Duration.ofHours(1));
			return reservation + ", " + this.warehouse.ship(item);
		}

	}

	/** A changed order of calls, deployed while orders of the old code wait. */
	@DurableWorkflow(name = "order")
	static class ShipFirstWorkflow {

		private final Warehouse warehouse;

		ShipFirstWorkflow(Warehouse warehouse) {
			this.warehouse = warehouse;
		}

		public String fulfil(String item) {
			String shipment = this.warehouse.ship(item);
			Workflow.sleep(Duration.ofHours(1));
			return shipment + ", " + this.warehouse.reserve(item);
		}

	}

	/** A shortened code path, deployed while orders of the old code wait. */
	@DurableWorkflow(name = "order")
	static class ReserveOnlyWorkflow {

		private final Warehouse warehouse;

		ReserveOnlyWorkflow(Warehouse warehouse) {
			this.warehouse = warehouse;
		}

		public String fulfil(String item) {
			return this.warehouse.reserve(item);
		}

	}

}
