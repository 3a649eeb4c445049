package dev.durable.sample.order;

import dev.durable.annotation.Activity;
import dev.durable.sample.simulated.SimulatedCarrier;

/**
 * Hands packed orders to the carrier, retried per the {@code shipping} policy.
 */
@Activity
public class ShippingActivities {

	private final SimulatedCarrier carrier;

	ShippingActivities(SimulatedCarrier carrier) {
		this.carrier = carrier;
	}

	/**
	 * Ship an order.
	 * @param orderId the order
	 * @param customer the addressee
	 * @return the tracking number
	 */
	@Activity(retry = "shipping")
	public String ship(String orderId, String customer) {
		return this.carrier.dispatch(orderId, customer);
	}

}
