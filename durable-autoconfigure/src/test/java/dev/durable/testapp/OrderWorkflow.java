package dev.durable.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.durable.ActivityFailedException;
import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows of the test application.
 */
@DurableWorkflow
public class OrderWorkflow {

	/** Flipped by tests to simulate a code change between runs. */
	public static volatile boolean changedCode;

	/** Flipped by tests to deploy the "add audit" change to running workflows. */
	public static volatile boolean auditDeployed;

	private final Warehouse warehouse;

	private final Ledger ledger;

	public OrderWorkflow(Warehouse warehouse, Ledger ledger) {
		this.warehouse = warehouse;
		this.ledger = ledger;
	}

	public String ledger(String orderId, boolean failFirstAttempt) throws InterruptedException {
		return this.ledger.record(orderId, failFirstAttempt);
	}

	public Receipt process(String orderId, List<Line> lines) {
		String reservation = this.warehouse.reserve(orderId, lines);
		String charge = this.warehouse.charge(orderId, 1299);
		this.warehouse.ship(orderId);
		return new Receipt(orderId, reservation, charge, lines);
	}

	public String typed(String orderId) {
		List<Line> lines = this.warehouse.lines(orderId);
		Map<String, Line> bySku = this.warehouse.linesBySku(orderId);
		Optional<Line> first = this.warehouse.firstLine(orderId);
		Workflow.sleep(Duration.ofMillis(300));
		// After the sleep the workflow is replayed from the journal: the types must survive.
		Line line = lines.get(0);
		return line.sku() + ":" + bySku.get("apple").quantity() + ":" + first.orElseThrow().sku();
	}

	public int count(String orderId) {
		return this.warehouse.count(orderId);
	}

	public String sleepThenShip(String orderId) {
		if (changedCode) {
			this.warehouse.charge(orderId, 1);
		}
		else {
			this.warehouse.reserve(orderId, List.of());
		}
		Workflow.sleep(Duration.ofMillis(300));
		this.warehouse.ship(orderId);
		return "done";
	}

	public String versioned(String orderId) {
		if (auditDeployed && Workflow.getVersion("add-audit", Workflow.DEFAULT_VERSION, 1) == 1) {
			this.warehouse.audit(orderId);
		}
		this.warehouse.reserve(orderId, List.of());
		Workflow.sleep(Duration.ofMillis(300));
		this.warehouse.ship(orderId);
		return auditDeployed ? "new code" : "old code";
	}

	public String flaky(String orderId, int failures) {
		try {
			return this.warehouse.flaky(orderId, failures);
		}
		catch (IOException ex) {
			// Not reached: in workflow code a failed activity arrives as ActivityFailedException.
			throw new UncheckedIOException(ex);
		}
	}

	public String broken(String orderId) {
		try {
			return this.warehouse.broken(orderId);
		}
		catch (ActivityFailedException ex) {
			return ex.getActivityName() + "|" + ex.getAttempts() + "|" + ex.getOriginalExceptionType() + "|"
					+ ex.getMessage();
		}
	}

	public String fails(String orderId) {
		this.warehouse.reserve(orderId, List.of());
		throw new IllegalArgumentException("order " + orderId + " is invalid");
	}

	public void unserializable(String orderId) {
		// The activity's body runs, but its result cannot be journaled.
		this.warehouse.unserializableResult(orderId);
	}

	public String echo(Unwritable value) {
		return String.valueOf(value);
	}

}
