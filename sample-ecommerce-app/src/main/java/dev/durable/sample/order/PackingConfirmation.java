package dev.durable.sample.order;

/**
 * The warehouse worker's confirmation that an order is packed, sent as the {@code packed} signal.
 * @param packedBy who packed it
 */
public record PackingConfirmation(String packedBy) {
}
