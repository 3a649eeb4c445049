package dev.durable.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.durable.ActivityFailedException;
import dev.durable.Saga;
import dev.durable.Workflow;
import dev.durable.WorkflowCancelledException;
import dev.durable.WorkflowFailedException;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows that wait: for people (signals), for time, for children; and undo with sagas.
 */
@DurableWorkflow
public class ApprovalWorkflow {

	private final Warehouse warehouse;

	private final MathWorkflow math;

	public ApprovalWorkflow(Warehouse warehouse, MathWorkflow math) {
		this.warehouse = warehouse;
		this.math = math;
	}

	public String approve(String orderId) {
		Decision decision = Workflow.awaitSignal("decision", Decision.class);
		return decision.approvedBy() + (decision.approved() ? " approved" : " rejected");
	}

	public String approveWithin(String orderId, long millis) {
		Optional<Decision> decision = Workflow.awaitSignal("decision", Decision.class, Duration.ofMillis(millis));
		return decision.map(Decision::approvedBy).orElse("nobody in time");
	}

	public int doubledQuantity(String orderId) {
		return Workflow.awaitSignal("quantity", int.class) * 2;
	}

	public String collect(String orderId) {
		String first = Workflow.awaitSignal("item", String.class);
		String second = Workflow.awaitSignal("item", String.class);
		String third = Workflow.awaitSignal("item", String.class);
		return first + "," + second + "," + third;
	}

	public String chargeThenWait(String orderId) {
		Saga saga = new Saga();
		String charge = this.warehouse.charge(orderId, 500);
		saga.addCompensation(() -> this.warehouse.refund(charge));
		String reservation = this.warehouse.reserve(orderId, List.of());
		saga.addCompensation(() -> this.warehouse.release(reservation));
		try {
			Workflow.awaitSignal("decision", Decision.class);
			return "shipped";
		}
		catch (WorkflowCancelledException ex) {
			saga.compensate();
			throw ex;
		}
	}

	public String shipOrCompensate(String orderId) {
		Saga saga = new Saga();
		String charge = this.warehouse.charge(orderId, 700);
		saga.addCompensation(() -> this.warehouse.refund(charge));
		String reservation = this.warehouse.reserve(orderId, List.of());
		saga.addCompensation(() -> this.warehouse.release(reservation));
		try {
			this.warehouse.broken(orderId);
			return "shipped";
		}
		catch (ActivityFailedException ex) {
			saga.compensate();
			return "compensated after " + ex.getActivityName();
		}
	}

	public String recorded(String orderId) {
		String first = Workflow.now() + "|" + Workflow.randomUUID() + "|"
				+ Workflow.sideEffect(Integer.class, () -> (int) (Math.random() * 1_000_000));
		Workflow.sleep(Duration.ofMillis(200));
		String second = Workflow.now() + "|" + Workflow.randomUUID() + "|" + Workflow.isReplaying();
		return first + "#" + second;
	}

	public long sleepy(String orderId, long millis) {
		Workflow.sleep(Duration.ofMillis(millis));
		return millis;
	}

	public int quickChild(int value) {
		return this.math.tripled(value);
	}

	public String parent(String orderId) {
		int doubled = this.math.doubled(21);
		try {
			this.math.explode(orderId);
			return "no failure?";
		}
		catch (WorkflowFailedException ex) {
			return doubled + "|" + ex.getErrorType() + "|" + ex.getMessage();
		}
	}

}
