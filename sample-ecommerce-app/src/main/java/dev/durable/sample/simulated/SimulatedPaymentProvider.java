package dev.durable.sample.simulated;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.durable.sample.ShopProperties;

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
 * A card payment provider reached over HTTP, built into the sample. It de-duplicates charges and
 * refunds by the {@code Idempotency-Key} header, declines the card {@value #DECLINED_CARD}, and
 * answers 503 while switched down with {@code POST /simulated/payments/outage?down=true}.
 */
@RestController
@RequestMapping("/simulated/payments")
public class SimulatedPaymentProvider {

	/** The card number this provider always declines. */
	public static final String DECLINED_CARD = "4000000000000002";

	private static final String SERVICE = "payments";

	private final AtomicBoolean down = new AtomicBoolean();

	private final SimulatedLedger ledger;

	private final ShopProperties properties;

	SimulatedPaymentProvider(SimulatedLedger ledger, ShopProperties properties) {
		this.ledger = ledger;
		this.properties = properties;
	}

	@PostMapping("/charges")
	ResponseEntity<Map<String, Object>> charge(@RequestHeader("Idempotency-Key") String idempotencyKey,
			@RequestBody PaymentRequest request) throws InterruptedException {
		if (this.down.get()) {
			return unavailable();
		}
		if (DECLINED_CARD.equals(request.card())) {
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED)
				.body(Map.of("error", "card_declined", "message", "Card ending "
						+ request.card().substring(request.card().length() - 4) + " was declined by its issuer"));
		}
		SimulatedOperation charge = this.ledger.record(idempotencyKey, SERVICE, "charge", request.reference(),
				request.amountCents());
		// The charge is committed before the answer: a caller that dies while waiting here has
		// been charged without knowing it, the case idempotency keys exist for.
		Thread.sleep(this.properties.simulator().paymentResponseDelay().toMillis());
		return ResponseEntity.ok(Map.of("id", charge.getOperationId(), "amountCents", charge.getAmountCents()));
	}

	@PostMapping("/refunds")
	ResponseEntity<Map<String, Object>> refund(@RequestHeader("Idempotency-Key") String idempotencyKey,
			@RequestBody PaymentRequest request) {
		if (this.down.get()) {
			return unavailable();
		}
		SimulatedOperation refund = this.ledger.record(idempotencyKey, SERVICE, "refund", request.reference(),
				request.amountCents());
		return ResponseEntity.ok(Map.of("id", refund.getOperationId(), "amountCents", refund.getAmountCents()));
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

	private static ResponseEntity<Map<String, Object>> unavailable() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", "unavailable", "message", "The payment provider is down (simulated outage)"));
	}

	/**
	 * A charge or refund request.
	 * @param reference the merchant's reference, an order id
	 * @param card the card number (charges only)
	 * @param amountCents the amount
	 */
	record PaymentRequest(String reference, String card, long amountCents) {
	}

}
