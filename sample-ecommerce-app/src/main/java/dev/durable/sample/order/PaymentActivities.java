package dev.durable.sample.order;

import java.util.Map;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;
import dev.durable.sample.simulated.SimulatorClient;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls to the card payment provider over HTTP. Every call sends the activity's idempotency key,
 * the same on every attempt, replay and restart, so a charge whose answer was lost (a timeout, a
 * crash of the shop) is not taken twice when the call is repeated.
 */
@Activity
public class PaymentActivities {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final SimulatorClient simulator;

	private final JsonMapper json;

	PaymentActivities(SimulatorClient simulator, JsonMapper json) {
		this.simulator = simulator;
		this.json = json;
	}

	/**
	 * Charge the customer's card.
	 * @param orderId the order, the charge's reference
	 * @param card the card number
	 * @param amountCents the amount
	 * @return the provider's charge id
	 * @throws CardDeclinedException if the card was declined (not retried)
	 * @throws PaymentProviderUnavailableException if the provider is unreachable (retried)
	 */
	@Activity(retry = "payment")
	public String charge(String orderId, String card, long amountCents) {
		return post("/simulated/payments/charges", Map.of("reference", orderId, "card", card, "amountCents", amountCents));
	}

	/**
	 * Refund a charge. It names no retry policy: a refund owed to a customer is retried until the
	 * provider takes it.
	 * @param orderId the order
	 * @param chargeId the charge to refund
	 * @param amountCents the amount
	 * @return the provider's refund id
	 */
	public String refund(String orderId, String chargeId, long amountCents) {
		return post("/simulated/payments/refunds",
				Map.of("reference", orderId, "chargeId", chargeId, "amountCents", amountCents));
	}

	private String post(String path, Map<String, Object> body) {
		RestClient client = this.simulator.client();
		if (client == null) {
			throw new PaymentProviderUnavailableException("The shop is not serving HTTP yet", null);
		}
		try {
			Map<String, Object> answer = client.post()
				.uri(path)
				.header("Idempotency-Key", ActivityContext.idempotencyKey())
				.body(body)
				.retrieve()
				.onStatus((status) -> status.value() == 402, (request, response) -> {
					throw new CardDeclinedException(
							this.json.readTree(response.getBody()).path("message").asString("Card declined"));
				})
				.onStatus((status) -> status.isError(), (request, response) -> {
					throw new PaymentProviderUnavailableException("The payment provider answered "
							+ response.getStatusCode() + ": " + new String(response.getBody().readAllBytes()), null);
				})
				.body(JSON);
			return (String) answer.get("id");
		}
		catch (ResourceAccessException ex) {
			throw new PaymentProviderUnavailableException("The payment provider is unreachable: " + ex.getMessage(),
					ex);
		}
	}

}
