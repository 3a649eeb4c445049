package dev.durable.sample;

import java.util.List;

/**
 * An order as the shop's API receives it.
 * @param customer who orders
 * @param items what they order
 * @param amountCents the total to charge
 */
public record OrderRequest(String customer, List<OrderItem> items, long amountCents) {
}
