package dev.durable.sample.simulated;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One operation a simulated service performed (a charge, a refund, a deposit), keyed by the
 * caller's idempotency key. It lives in the shop's database so that it survives a crash of the
 * shop, as a real provider's records would.
 */
@Entity
@Table(name = "simulated_operation")
public class SimulatedOperation {

	@Id
	@Column(name = "idempotency_key", length = 200)
	private String idempotencyKey;

	@Column(nullable = false, unique = true, length = 80)
	private String operationId;

	@Column(nullable = false, length = 20)
	private String service;

	@Column(nullable = false, length = 20)
	private String kind;

	@Column(nullable = false, length = 200)
	private String reference;

	private long amountCents;

	/** How many requests carried this idempotency key; more than one means a retried call was de-duplicated. */
	private int requests;

	@Column(nullable = false)
	private Instant createdAt;

	protected SimulatedOperation() {
	}

	SimulatedOperation(String idempotencyKey, String operationId, String service, String kind, String reference,
			long amountCents) {
		this.idempotencyKey = idempotencyKey;
		this.operationId = operationId;
		this.service = service;
		this.kind = kind;
		this.reference = reference;
		this.amountCents = amountCents;
		this.requests = 1;
		this.createdAt = Instant.now();
	}

	void countRequest() {
		this.requests++;
	}

	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	public String getOperationId() {
		return this.operationId;
	}

	public String getService() {
		return this.service;
	}

	public String getKind() {
		return this.kind;
	}

	public String getReference() {
		return this.reference;
	}

	public long getAmountCents() {
		return this.amountCents;
	}

	public int getRequests() {
		return this.requests;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
