package dev.durable.sample.order;

import org.jspecify.annotations.Nullable;

/**
 * What the order workflow returns when the order's story has ended.
 * @param orderId the order
 * @param stage the final stage
 * @param chargeId the payment provider's charge, if the card was charged
 * @param trackingNumber the carrier's tracking number, if shipped
 * @param refundId the payment provider's refund, if refunded
 * @param detail a sentence on how it ended
 */
public record OrderOutcome(String orderId, OrderStage stage, @Nullable String chargeId, @Nullable String trackingNumber,
		@Nullable String refundId, String detail) {
}
