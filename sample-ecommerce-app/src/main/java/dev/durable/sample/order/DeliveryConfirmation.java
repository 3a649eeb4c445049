package dev.durable.sample.order;

/**
 * The carrier's confirmation that an order arrived, sent as the {@code delivered} signal.
 * @param receivedBy who signed for it
 */
public record DeliveryConfirmation(String receivedBy) {
}
