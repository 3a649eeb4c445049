package dev.durable.sample.order;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The shop's own row for an order, what its API shows. The workflow moves it from stage to stage
 * through a transactional activity, so the row and the journal never disagree.
 */
@Entity
@Table(name = "shop_order")
public class ShopOrder {

	@Id
	@Column(length = 64)
	private String id;

	@Column(nullable = false)
	private String customer;

	private long amountCents;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 32)
	private OrderStage stage;

	@Column(length = 1000)
	private String detail;

	@Column(nullable = false)
	private Instant updatedAt;

	protected ShopOrder() {
	}

	ShopOrder(String id, String customer, long amountCents) {
		this.id = id;
		this.customer = customer;
		this.amountCents = amountCents;
		this.stage = OrderStage.PLACED;
		this.detail = "Reserving stock and charging the card";
		this.updatedAt = Instant.now();
	}

	void advance(OrderStage stage, String detail) {
		this.stage = stage;
		this.detail = detail;
		this.updatedAt = Instant.now();
	}

	public String getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

	public long getAmountCents() {
		return this.amountCents;
	}

	public OrderStage getStage() {
		return this.stage;
	}

	public String getDetail() {
		return this.detail;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
