package dev.durable.sample.order;

/**
 * What became of an order's payment, published by its workflow as the event {@code "payment"} as
 * soon as it is known, so that placing an order can answer with it.
 */
public enum PaymentStatus {

	/** The card was charged. */
	PAID,

	/** The card was declined; nothing was charged. */
	DECLINED,

	/** The fraud check rejected the order before its card was charged; nothing was charged. */
	REJECTED,

	/** The payment provider stayed unreachable past the retry policy; nothing was charged. */
	FAILED

}
