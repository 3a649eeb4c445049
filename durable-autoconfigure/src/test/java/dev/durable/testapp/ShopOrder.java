package dev.durable.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity of the application itself, next to Durable's.
 */
@Entity
@Table(name = "shop_order")
public class ShopOrder {

	@Id
	private String id;

	private String customer;

	protected ShopOrder() {
	}

	public ShopOrder(String id, String customer) {
		this.id = id;
		this.customer = customer;
	}

	public String getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

}
