package dev.durable.sample;

import dev.durable.annotation.DurableWorkflow;

/**
 * The order lifecycle: reserve stock, take payment, ship. Each step is an activity, so a crash
 * between steps resumes after the last finished one.
 */
@DurableWorkflow(name = "order")
public class OrderWorkflow {

	private final WarehouseActivities warehouse;

	private final PaymentActivities payments;

	public OrderWorkflow(WarehouseActivities warehouse, PaymentActivities payments) {
		this.warehouse = warehouse;
		this.payments = payments;
	}

	public OrderConfirmation process(String orderId, OrderRequest order) {
		String reservationId = this.warehouse.reserve(orderId, order.items());
		String paymentId = this.payments.charge(orderId, order.amountCents());
		String trackingNumber = this.warehouse.ship(orderId, order.customer());
		return new OrderConfirmation(orderId, reservationId, paymentId, trackingNumber);
	}

}
