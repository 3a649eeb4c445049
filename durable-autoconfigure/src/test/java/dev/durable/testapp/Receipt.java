package dev.durable.testapp;

import java.util.List;

/**
 * What the order workflow returns.
 * @param orderId the order
 * @param reservation the reservation id
 * @param charge the charge id
 * @param lines the lines shipped
 */
public record Receipt(String orderId, String reservation, String charge, List<Line> lines) {
}
