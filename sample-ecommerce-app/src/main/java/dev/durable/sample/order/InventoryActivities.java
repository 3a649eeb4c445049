package dev.durable.sample.order;

import java.util.List;

import dev.durable.annotation.Activity;

import org.springframework.transaction.annotation.Transactional;

/**
 * The warehouse's stock. Each method is transactional on the shop's database, so its change and
 * its journal record commit together: a crash can never leave a reservation made twice or
 * released without the workflow knowing.
 */
@Activity
@Transactional
public class InventoryActivities {

	private final ReservationRepository reservations;

	InventoryActivities(ReservationRepository reservations) {
		this.reservations = reservations;
	}

	/**
	 * Set stock aside for an order.
	 * @param orderId the order
	 * @param items what to set aside
	 * @return the reservation id
	 */
	public String reserve(String orderId, List<OrderItem> items) {
		this.reservations.save(new Reservation(orderId, items.toString()));
		return "RES-" + orderId;
	}

	/**
	 * Put an order's stock back on the shelf (a compensation, or after a return).
	 * @param orderId the order
	 */
	public void release(String orderId) {
		this.reservations.findById(orderId).ifPresent(Reservation::release);
	}

}
