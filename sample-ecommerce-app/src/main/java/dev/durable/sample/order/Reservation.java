package dev.durable.sample.order;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Stock set aside in the warehouse for one order, until it ships or the order fails.
 */
@Entity
@Table(name = "shop_reservation")
public class Reservation {

	@Id
	@Column(length = 64)
	private String orderId;

	@Column(nullable = false, length = 2000)
	private String items;

	private boolean released;

	@Column(nullable = false)
	private Instant createdAt;

	protected Reservation() {
	}

	Reservation(String orderId, String items) {
		this.orderId = orderId;
		this.items = items;
		this.createdAt = Instant.now();
	}

	void release() {
		this.released = true;
	}

	public String getOrderId() {
		return this.orderId;
	}

	public String getItems() {
		return this.items;
	}

	public boolean isReleased() {
		return this.released;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
