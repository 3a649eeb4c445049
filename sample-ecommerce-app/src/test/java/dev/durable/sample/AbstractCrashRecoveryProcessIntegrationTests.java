package dev.durable.sample;

import java.nio.file.Files;
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
 * Kills the sample application with {@code kill -9} in the middle of an order and restarts it:
 * the order completes and the step that finished before the crash is not run again.
 */
abstract class AbstractCrashRecoveryProcessIntegrationTests {

	private static final String ORDER = "{\"customer\":\"ada\",\"items\":[{\"sku\":\"apple\",\"quantity\":2}],"
			+ "\"amountCents\":1299}";

	@TempDir
	Path workDir;

	/**
	 * Return the command-line arguments that point the sample at the database under test.
	 */
	abstract List<String> databaseArguments(Path workDir);

	@Test
	void aWorkflowKilledAfterItsFirstActivityCompletesAfterRestartWithThatActivityRunOnce() throws Exception {
		Path ledger = this.workDir.resolve("warehouse-ledger.txt");
		String orderId;
		try (JvmProcess first = JvmProcess.startJar(System.getProperty("sample.jar"), this.workDir, "first",
				arguments("--shop.payment-delay=10m", "--shop.ledger=" + ledger))) {
			orderId = JsonPath.read(first.post("/orders", ORDER).body(), "$.orderId");
			// The reservation is journaled; the payment provider is still busy answering.
			first.awaitBody("/actuator/workflows/" + orderId,
					(body) -> completedActivities(body).contains("WarehouseActivities.reserve"), Duration.ofSeconds(30));
			assertThat(Files.readAllLines(ledger)).hasSize(1);
			first.killHard();
		}
		try (JvmProcess second = JvmProcess.startJar(System.getProperty("sample.jar"), this.workDir, "second",
				arguments("--shop.payment-delay=0ms", "--shop.ledger=" + ledger))) {
			String detail = second.awaitBody("/actuator/workflows/" + orderId,
					(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")), Duration.ofSeconds(60));
			assertThat(completedActivities(detail)).containsExactly("WarehouseActivities.reserve",
					"PaymentActivities.charge", "WarehouseActivities.ship");
			assertThat((String) JsonPath.read(detail, "$.result.reservationId")).isEqualTo("RES-" + orderId);
			List<Integer> seqs = JsonPath.read(detail, "$.events[*].seq");
			assertThat(seqs).containsExactly(1, 2, 3, 4, 5);
		}
		assertThat(Files.readAllLines(ledger)).as("warehouse reservations of order " + orderId)
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith("RES-" + orderId));
	}

	private List<String> arguments(String... extra) {
		List<String> arguments = new ArrayList<>(databaseArguments(this.workDir));
		arguments.addAll(List.of(extra));
		return arguments;
	}

	private static List<String> completedActivities(String detail) {
		return JsonPath.read(detail, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].name");
	}

}
