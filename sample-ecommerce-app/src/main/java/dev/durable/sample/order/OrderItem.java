package dev.durable.sample.order;

/**
 * One line of an order.
 * @param sku the product
 * @param quantity how many
 */
public record OrderItem(String sku, int quantity) {
}
