package dev.durable.sample.order;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.durable.ActivityFailedException;
import dev.durable.DurableFuture;
import dev.durable.Saga;
import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.sample.ShopProperties;
import org.jspecify.annotations.Nullable;

/**
 * The story of an order, from purchase to delivery to a possible return. Every step is an
 * activity or a durable wait, so the order survives crashes and restarts at any point: finished
 * steps are not run again, waits continue with what is left of them.
 *
 * <p>Steps that cannot be undone by rolling back a transaction (the charge) are paired with a
 * compensation in a {@link Saga}: when shipping fails after payment, the charge is refunded and
 * the stock released.
 *
 * <p>Two steps use futures, as a real shop would: the stock reservation and the fraud check run at
 * once (a rejected order releases its stock and is never charged), and the wait for packing races
 * a packing deadline: when the deadline wins, the order is escalated to the warehouse and goes on
 * waiting for packing, since a paid order is not given up because the warehouse is late. Orders
 * recorded before these changes replay their old steps: see {@link #CHECKS_AT_ONCE}.
 */
@DurableWorkflow(name = "order")
public class OrderWorkflow {

	/**
	 * The change that runs the fraud check beside the reservation and gives packing a deadline.
	 * Orders that had passed the reservation before it existed replay without it.
	 */
	static final String CHECKS_AT_ONCE = "fraud-check-and-packing-deadline";

	private final InventoryActivities inventory;

	private final FraudActivities fraud;

	private final WarehouseActivities warehouse;

	private final PaymentActivities payments;

	private final ShippingActivities shipping;

	private final OrderBook book;

	private final ShopProperties properties;

	public OrderWorkflow(InventoryActivities inventory, FraudActivities fraud, PaymentActivities payments,
			WarehouseActivities warehouse, ShippingActivities shipping, OrderBook book, ShopProperties properties) {
		this.inventory = inventory;
		this.fraud = fraud;
		this.payments = payments;
		this.warehouse = warehouse;
		this.shipping = shipping;
		this.book = book;
		this.properties = properties;
	}

	/**
	 * Run an order to its end.
	 * @param orderId the order
	 * @param order what was ordered
	 * @param terms the delivery deadline and return window
	 * @return how the order ended
	 */
	public OrderOutcome process(String orderId, OrderRequest order, OrderTerms terms) {
		Saga saga = new Saga();
		boolean checksAtOnce = Workflow.getVersion(CHECKS_AT_ONCE, Workflow.DEFAULT_VERSION, 1) == 1;
		if (checksAtOnce) {
			FraudVerdict verdict = reserveAndScreen(orderId, order, saga);
			if (!verdict.approved()) {
				saga.compensate();
				publishPayment(PaymentStatus.REJECTED);
				return end(orderId, OrderStage.FRAUD_REJECTED, null, null, null,
						"Rejected by the fraud check, stock released, nothing charged: " + verdict.reason());
			}
		}
		else {
			this.inventory.reserve(orderId, order.items());
			saga.addCompensation(() -> this.inventory.release(orderId));
		}

		String chargeId;
		try {
			chargeId = this.payments.charge(orderId, order.card(), order.amountCents());
		}
		catch (ActivityFailedException ex) {
			saga.compensate();
			boolean declined = CardDeclinedException.class.getName().equals(ex.getOriginalExceptionType());
			publishPayment(declined ? PaymentStatus.DECLINED : PaymentStatus.FAILED);
			return end(orderId, declined ? OrderStage.DECLINED : OrderStage.PAYMENT_FAILED, null, null, null,
					(declined ? "Card declined: " : "Payment failed after " + ex.getAttempts() + " attempts: ")
							+ ex.getMessage());
		}
		saga.addCompensation(() -> this.payments.refund(orderId, chargeId, order.amountCents()));
		publishPayment(PaymentStatus.PAID);
		this.book.advance(orderId, OrderStage.AWAITING_PACKING, "Paid (" + chargeId + "); waiting for packing");

		// A person has to do this; the workflow waits for as long as it takes, holding no thread.
		PackingConfirmation packed = checksAtOnce ? awaitPacking(orderId)
				: Workflow.awaitSignal("packed", PackingConfirmation.class);

		String trackingNumber;
		try {
			trackingNumber = this.shipping.ship(orderId, order.customer());
		}
		catch (ActivityFailedException ex) {
			saga.compensate();
			return end(orderId, OrderStage.SHIPPING_FAILED, chargeId, null, null,
					"Shipping failed, charge refunded and stock released: " + ex.getMessage());
		}
		this.book.advance(orderId, OrderStage.SHIPPED,
				"Packed by " + packed.packedBy() + ", shipped with tracking number " + trackingNumber);

		Optional<DeliveryConfirmation> delivered = Workflow.awaitSignal("delivered", DeliveryConfirmation.class,
				terms.deliveryDeadline());
		this.book.advance(orderId, OrderStage.DELIVERED,
				delivered.map((confirmation) -> "Delivered to " + confirmation.receivedBy())
					.orElse("No delivery confirmation by the deadline; taken as delivered")
						+ "; returns accepted until " + Workflow.now().plus(terms.returnWindow()));

		Optional<ReturnRequest> returned = Workflow.awaitSignal("return", ReturnRequest.class, terms.returnWindow());
		if (returned.isPresent()) {
			String refundId = this.payments.refund(orderId, chargeId, order.amountCents());
			this.inventory.release(orderId);
			return end(orderId, OrderStage.RETURNED, chargeId, trackingNumber, refundId,
					"Returned (" + returned.get().reason() + "), refunded with " + refundId);
		}
		return end(orderId, OrderStage.COMPLETED, chargeId, trackingNumber, null, "Return window closed");
	}

	/**
	 * Reserve the stock and screen the order for fraud at once: the checkout waits for the slower
	 * of the two, not for both in turn. The reservation is compensated whatever the verdict says.
	 */
	private FraudVerdict reserveAndScreen(String orderId, OrderRequest order, Saga saga) {
		DurableFuture<String> reservation = Workflow.async(() -> this.inventory.reserve(orderId, order.items()));
		DurableFuture<FraudVerdict> screening = Workflow.async(() -> this.fraud.screen(orderId, order));
		DurableFuture.allOf(List.of(reservation, screening)).get();
		saga.addCompensation(() -> this.inventory.release(orderId));
		return screening.get();
	}

	/**
	 * Wait for the warehouse's packing confirmation, escalating once if the packing deadline
	 * passes first. The deadline is read from the shop's settings once and recorded, so a replay
	 * after a configuration change waits as this order was promised.
	 */
	private PackingConfirmation awaitPacking(String orderId) {
		Duration deadline = Workflow.sideEffect(Duration.class, this.properties::packingDeadline);
		DurableFuture<Void> overdue = Workflow.timer(deadline);
		// Created last, so that the order is seen waiting for "packed" (its journal's last step),
		// and recorded orders fix this order: swapping the two lines breaks their replay.
		DurableFuture<PackingConfirmation> packing = Workflow.signal("packed", PackingConfirmation.class);
		DurableFuture.anyOf(List.of(packing, overdue)).get();
		if (!packing.isDone()) {
			String ticket = this.warehouse.escalateLatePacking(orderId, deadline);
			this.book.advance(orderId, OrderStage.PACKING_OVERDUE, "Not packed within " + deadline
					+ "; escalated to the warehouse as " + ticket + ", still waiting for packing");
		}
		return packing.get();
	}

	/**
	 * Publish the payment's outcome, which the checkout request waits for (OrderController)
	 * instead of the whole order. Orders that passed this point before the shop published it
	 * replay without the step: a new durable call in running workflows' path needs a version.
	 */
	private void publishPayment(PaymentStatus status) {
		if (Workflow.getVersion("publish-payment", Workflow.DEFAULT_VERSION, 1) == 1) {
			Workflow.setEvent("payment", status);
		}
	}

	private OrderOutcome end(String orderId, OrderStage stage, @Nullable String chargeId,
			@Nullable String trackingNumber, @Nullable String refundId, String detail) {
		this.book.advance(orderId, stage, detail);
		return new OrderOutcome(orderId, stage, chargeId, trackingNumber, refundId, detail);
	}

}
