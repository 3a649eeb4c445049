package dev.durable.sample.order;

import java.util.List;

/**
 * An order as the shop's API receives it.
 * @param customer who orders
 * @param items what they order
 * @param amountCents the total to charge
 * @param card the card to charge; {@code 4000000000000002} is always declined
 */
public record OrderRequest(String customer, List<OrderItem> items, long amountCents, String card) {

	public OrderRequest {
		card = (card != null) ? card : "4242424242424242";
		items = (items != null) ? List.copyOf(items) : List.of();
	}

}
