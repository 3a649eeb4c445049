package dev.durable.sample.order;

import java.time.Duration;

/**
 * The waits an order is placed under. They are part of the workflow's input rather than read
 * from configuration inside it, so that a replay after a configuration change still waits as
 * the order was promised.
 * @param deliveryDeadline how long to wait for the delivery confirmation
 * @param returnWindow how long the customer may return the order after delivery
 */
public record OrderTerms(Duration deliveryDeadline, Duration returnWindow) {
}
