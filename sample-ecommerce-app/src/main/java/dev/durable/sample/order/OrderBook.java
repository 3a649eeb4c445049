package dev.durable.sample.order;

import dev.durable.annotation.Activity;

import org.springframework.transaction.annotation.Transactional;

/**
 * Moves the shop's order row from stage to stage on the workflow's behalf, transactionally, so
 * the row's update and its journal record commit together.
 */
@Activity
@Transactional
public class OrderBook {

	private final ShopOrderRepository orders;

	OrderBook(ShopOrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Record that an order reached a stage.
	 * @param orderId the order
	 * @param stage the stage
	 * @param detail a sentence for the customer
	 */
	public void advance(String orderId, OrderStage stage, String detail) {
		this.orders.findById(orderId).ifPresent((order) -> order.advance(stage, detail));
	}

}
