package dev.durable.sample;

/**
 * What the order workflow returns once the order has shipped.
 * @param orderId the order
 * @param reservationId the warehouse's reservation
 * @param paymentId the payment provider's charge
 * @param trackingNumber the carrier's tracking number
 */
public record OrderConfirmation(String orderId, String reservationId, String paymentId, String trackingNumber) {
}
