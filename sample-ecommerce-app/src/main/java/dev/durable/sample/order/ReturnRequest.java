package dev.durable.sample.order;

/**
 * The customer's request to return an order, sent as the {@code return} signal.
 * @param reason why
 */
public record ReturnRequest(String reason) {
}
