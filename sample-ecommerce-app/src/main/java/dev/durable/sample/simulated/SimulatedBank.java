package dev.durable.sample.simulated;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An external bank that accepts deposits over HTTP, built into the sample. Deposits are
 * de-duplicated by the {@code Idempotency-Key} header; while switched down with
 * {@code POST /simulated/bank/outage?down=true} it answers 503.
 */
@RestController
@RequestMapping("/simulated/bank")
public class SimulatedBank {

	private static final String SERVICE = "bank";

	private final AtomicBoolean down = new AtomicBoolean();

	private final SimulatedLedger ledger;

	SimulatedBank(SimulatedLedger ledger) {
		this.ledger = ledger;
	}

	@PostMapping("/deposits")
	ResponseEntity<Map<String, Object>> deposit(@RequestHeader("Idempotency-Key") String idempotencyKey,
			@RequestBody DepositRequest request) {
		if (this.down.get()) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body(Map.of("error", "unavailable", "message", "The bank is down (simulated outage)"));
		}
		SimulatedOperation deposit = this.ledger.record(idempotencyKey, SERVICE, "deposit", request.reference(),
				request.amountCents());
		return ResponseEntity.ok(Map.of("id", deposit.getOperationId(), "amountCents", deposit.getAmountCents()));
	}

	@PostMapping("/outage")
	Map<String, Object> outage(@RequestParam boolean down) {
		this.down.set(down);
		return Map.of("service", SERVICE, "down", down);
	}

	@GetMapping
	Map<String, Object> status() {
		return this.ledger.describe(SERVICE, this.down.get());
	}

	/**
	 * A deposit to an account at this bank.
	 * @param reference the sender's reference, a transfer id
	 * @param iban the account
	 * @param amountCents the amount
	 */
	record DepositRequest(String reference, String iban, long amountCents) {
	}

}
