package dev.durable.sample.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account held at the shop, the source of transfers.
 */
@Entity
@Table(name = "shop_account")
public class Account {

	@Id
	@Column(length = 64)
	private String id;

	private long balanceCents;

	protected Account() {
	}

	Account(String id, long balanceCents) {
		this.id = id;
		this.balanceCents = balanceCents;
	}

	void withdraw(long amountCents) {
		if (amountCents <= 0 || amountCents > this.balanceCents) {
			throw new TransferRejectedException("Account " + this.id + " cannot pay " + amountCents
					+ " cents: its balance is " + this.balanceCents + " cents");
		}
		this.balanceCents -= amountCents;
	}

	public String getId() {
		return this.id;
	}

	public long getBalanceCents() {
		return this.balanceCents;
	}

}
