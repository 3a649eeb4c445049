package dev.durable.sample.simulated;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records operations of the simulated services, once per idempotency key: a request that
 * repeats a key gets the operation the first one created, which is how real payment providers
 * make retried calls safe.
 */
@Component
public class SimulatedLedger {

	private final SimulatedOperationRepository operations;

	SimulatedLedger(SimulatedOperationRepository operations) {
		this.operations = operations;
	}

	/**
	 * Record an operation, or return the one already recorded under this key.
	 * @param idempotencyKey the caller's key
	 * @param service the service
	 * @param kind what the operation is
	 * @param reference the caller's reference (an order or transfer id)
	 * @param amountCents the amount
	 * @return the operation
	 */
	@Transactional
	public SimulatedOperation record(String idempotencyKey, String service, String kind, String reference,
			long amountCents) {
		return this.operations.findById(idempotencyKey).map((existing) -> {
			existing.countRequest();
			return existing;
		}).orElseGet(() -> this.operations.save(new SimulatedOperation(idempotencyKey,
				kind.substring(0, 2) + "_" + UUID.randomUUID().toString().substring(0, 13), service, kind, reference,
				amountCents)));
	}

	/**
	 * Describe a service's state for its status endpoint.
	 * @param service the service
	 * @param down whether it is switched down
	 * @return the description
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> describe(String service, boolean down) {
		List<Map<String, Object>> list = this.operations.findByServiceOrderByCreatedAtAsc(service)
			.stream()
			.map((operation) -> Map.<String, Object>of("id", operation.getOperationId(), "kind", operation.getKind(),
					"reference", operation.getReference(), "amountCents", operation.getAmountCents(), "requests",
					operation.getRequests(), "createdAt", operation.getCreatedAt()))
			.toList();
		return Map.of("service", service, "down", down, "operations", list);
	}

}
