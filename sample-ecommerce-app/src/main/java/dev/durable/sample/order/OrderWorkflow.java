package dev.durable.sample.order;

import java.util.Optional;

import dev.durable.ActivityFailedException;
import dev.durable.Saga;
import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;
import org.jspecify.annotations.Nullable;

/**
 * The story of an order, from purchase to delivery to a possible return. Every step is an
 * activity or a durable wait, so the order survives crashes and restarts at any point: finished
 * steps are not run again, waits continue with what is left of them.
 *
 * <p>Steps that cannot be undone by rolling back a transaction (the charge) are paired with a
 * compensation in a {@link Saga}: when shipping fails after payment, the charge is refunded and
 * the stock released.
 */
@DurableWorkflow(name = "order")
public class OrderWorkflow {

	private final InventoryActivities inventory;

	private final PaymentActivities payments;

	private final ShippingActivities shipping;

	private final OrderBook book;

	public OrderWorkflow(InventoryActivities inventory, PaymentActivities payments, ShippingActivities shipping,
			OrderBook book) {
		this.inventory = inventory;
		this.payments = payments;
		this.shipping = shipping;
		this.book = book;
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
		this.inventory.reserve(orderId, order.items());
		saga.addCompensation(() -> this.inventory.release(orderId));

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
		PackingConfirmation packed = Workflow.awaitSignal("packed", PackingConfirmation.class);

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
