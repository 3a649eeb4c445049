package dev.durable.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.durable.test.JvmProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged sample application with {@code kill -9} in the middle of an order (the
 * payment provider has taken the charge but not yet answered) and starts it again: the order
 * runs to its end and the customer is charged once, because the repeated call carries the same
 * idempotency key and the provider, whose records survive in the database, de-duplicates it.
 */
abstract class AbstractCrashRecoveryProcessIntegrationTests {

	private static final String ORDER = "{\"customer\":\"ada\",\"items\":[{\"sku\":\"apple\",\"quantity\":2}],"
			+ "\"amountCents\":1299}";

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	@TempDir
	Path workDir;

	/**
	 * Return the command-line arguments that point the sample at the database under test.
	 */
	abstract List<String> databaseArguments(Path workDir);

	@Test
	void anOrderKilledMidPaymentCompletesAfterRestartWithOneCharge() throws Exception {
		String orderId;
		try (JvmProcess first = JvmProcess.startJar(System.getProperty("sample.jar"), this.workDir, "first",
				arguments("--shop.simulator.payment-response-delay=10m"))) {
			orderId = JsonPath.read(first.post("/orders", ORDER).body(), "$.orderId");
			// The provider has committed the charge and is still holding its answer.
			first.awaitBody("/simulated/payments", (body) -> charges(body, orderId).size() == 1, PATIENCE);
			String journal = first.get("/actuator/workflows/" + orderId).body();
			// Started together; recorded in the order they finished.
			assertThat(completedActivities(journal)).containsExactlyInAnyOrder("InventoryActivities.reserve",
					"FraudActivities.screen");
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startJar(System.getProperty("sample.jar"), this.workDir, "second",
				arguments("--shop.simulator.payment-response-delay=0ms"))) {
			second.awaitBody("/orders/" + orderId, (body) -> "AWAITING_PACKING".equals(JsonPath.read(body, "$.stage")),
					PATIENCE);
			assertThat(second.post("/orders/" + orderId + "/packed", "{\"packedBy\":\"bob\"}").statusCode())
				.isEqualTo(202);
			// No delivery confirmation: the deadline passes, then the return window closes.
			String journal = second.awaitBody("/actuator/workflows/" + orderId,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), PATIENCE);
			assertThat((String) JsonPath.read(journal, "$.result.stage")).isEqualTo("COMPLETED");
			assertThat(completedActivities(journal)).containsOnlyOnce("InventoryActivities.reserve",
					"FraudActivities.screen", "PaymentActivities.charge", "ShippingActivities.ship");
			List<Integer> seqs = JsonPath.read(journal, "$.events[*].seq");
			assertThat(seqs).doesNotHaveDuplicates().isSorted();
			String payments = second.get("/simulated/payments").body();
			List<Integer> requests = JsonPath.read(payments,
					"$.operations[?(@.reference == '" + orderId + "' && @.kind == 'charge')].requests");
			assertThat(requests).as("charges of order " + orderId + " and the requests each one received")
				.singleElement()
				.satisfies((count) -> assertThat(count).isGreaterThanOrEqualTo(2));
			assertThat((String) JsonPath.read(second.get("/orders/" + orderId).body(), "$.stage"))
				.isEqualTo("COMPLETED");
		}
	}

	private List<String> arguments(String... extra) {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.addAll(List.of("--shop.delivery-deadline=2s", "--shop.return-window=2s",
				"--resilience4j.retry.instances.payment.wait-duration=200ms", "--durable.worker.poll-interval=200ms"));
		arguments.addAll(List.of(extra));
		return arguments;
	}

	private static List<Object> charges(String payments, String orderId) {
		return JsonPath.read(payments, "$.operations[?(@.reference == '" + orderId + "' && @.kind == 'charge')]");
	}

	private static List<String> completedActivities(String detail) {
		return JsonPath.read(detail, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].name");
	}

}
