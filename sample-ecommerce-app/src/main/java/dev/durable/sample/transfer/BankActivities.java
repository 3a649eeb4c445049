package dev.durable.sample.transfer;

import java.util.Map;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;
import dev.durable.sample.simulated.SimulatorClient;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Deposits at the external bank over HTTP, with the activity's idempotency key so that a
 * repeated deposit is booked once.
 */
@Activity
public class BankActivities {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final SimulatorClient simulator;

	BankActivities(SimulatorClient simulator) {
		this.simulator = simulator;
	}

	/**
	 * Deposit money at the external bank, retried per the {@code bank} policy while it is down.
	 * @param transferId the transfer, the deposit's reference
	 * @param iban the receiving account
	 * @param amountCents the amount
	 * @return the bank's deposit id
	 */
	@Activity(retry = "bank")
	public String deposit(String transferId, String iban, long amountCents) {
		RestClient client = this.simulator.client();
		if (client == null) {
			throw new BankUnavailableException("The shop is not serving HTTP yet", null);
		}
		try {
			Map<String, Object> answer = client.post()
				.uri("/simulated/bank/deposits")
				.header("Idempotency-Key", ActivityContext.idempotencyKey())
				.body(Map.of("reference", transferId, "iban", iban, "amountCents", amountCents))
				.retrieve()
				.onStatus((status) -> status.isError(), (request, response) -> {
					throw new BankUnavailableException("The bank answered " + response.getStatusCode() + ": "
							+ new String(response.getBody().readAllBytes()), null);
				})
				.body(JSON);
			return (String) answer.get("id");
		}
		catch (ResourceAccessException ex) {
			throw new BankUnavailableException("The bank is unreachable: " + ex.getMessage(), ex);
		}
	}

}
