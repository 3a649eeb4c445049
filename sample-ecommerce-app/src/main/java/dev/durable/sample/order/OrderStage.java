package dev.durable.sample.order;

/**
 * Where an order is in its lifecycle, as the shop's API shows it.
 */
public enum OrderStage {

	/** Accepted; its workflow is reserving stock and charging the card. */
	PLACED,

	/** Paid; waiting for a warehouse worker to confirm packing. */
	AWAITING_PACKING,

	/** Paid, not packed within the packing deadline: escalated to the warehouse, still waiting for packing. */
	PACKING_OVERDUE,

	/** Handed to the carrier; waiting for delivery confirmation or its deadline. */
	SHIPPED,

	/** Delivered; the return window is open. */
	DELIVERED,

	/** The return window closed without a return: the order is done. */
	COMPLETED,

	/** Returned within the window and refunded. */
	RETURNED,

	/** The fraud check rejected the order; the reservation was released and nothing was charged. */
	FRAUD_REJECTED,

	/** The card was declined; the reservation was released and nothing was charged. */
	DECLINED,

	/** The payment provider stayed unreachable past the retry policy; the reservation was released. */
	PAYMENT_FAILED,

	/** Shipping failed after payment; the charge was refunded and the reservation released. */
	SHIPPING_FAILED

}
