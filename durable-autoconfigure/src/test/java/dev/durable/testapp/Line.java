package dev.durable.testapp;

/**
 * An order line.
 * @param sku the product
 * @param quantity how many
 */
public record Line(String sku, int quantity) {
}
