package dev.durable.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.durable.WorkflowClient;
import dev.durable.sample.order.DeliveryConfirmation;
import dev.durable.sample.order.OrderItem;
import dev.durable.sample.order.OrderRequest;
import dev.durable.sample.order.OrderService;
import dev.durable.sample.order.PackingConfirmation;
import dev.durable.testing.DurableTest;
import dev.durable.testing.ReplayReport;
import dev.durable.testing.WorkflowAwaiter;
import dev.durable.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The replay check a CI job runs before deploying: journals exported from the shop's actuator
 * ({@code src/test/resources/journals}) must replay on the current order workflow.
 */
@DurableTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderReplayTests {

	/** Orders exported from a running shop, on the code as it is: they must keep replaying. */
	private static final Path RECORDED = Path.of("src/test/resources/journals/current");

	/**
	 * An order recorded by an earlier version of the workflow, which charged the card before it
	 * reserved the stock.
	 */
	private static final Path CHARGED_FIRST = Path.of("src/test/resources/journals/charged-before-reserving.json");

	@Autowired
	WorkflowReplayer replayer;

	@Autowired
	OrderService orders;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	WorkflowAwaiter awaiter;

	@LocalServerPort
	int port;

	@Test
	void ordersRecordedByTheShopReplayOnTheCurrentCode() {
		ReplayReport report = this.replayer.replayExported(RECORDED);
		report.assertDeterministic();
		assertThat(report.entries()).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.type()).isEqualTo("order"));
	}

	@Test
	void anOrderRecordedBeforeTheWorkflowChangedFailsTheCheckNamingTheStep() {
		ReplayReport report = this.replayer.replayExported(CHARGED_FIRST);
		assertThat(report.failures()).singleElement()
			.satisfies((entry) -> assertThat(entry.detail()).contains("at step 1")
				.contains("the code now calls activity 'InventoryActivities.reserve'")
				.contains("the journal recorded activity 'PaymentActivities.charge'"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(report::assertDeterministic)
			.withMessageContaining("do not replay on the current code")
			.withMessageContaining("charged-before-reserving.json");
	}

	@Test
	void anOrderExportedFromTheActuatorReplaysWhileItWaitsInItsReturnWindow(@TempDir Path exports) throws Exception {
		String orderId = this.orders.place(new OrderRequest("ada", List.of(new OrderItem("apple", 2)), 1299, null));
		this.awaiter.awaitSignalWait(orderId, "packed");
		this.workflows.signal(orderId, "packed", new PackingConfirmation("bob"));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		this.workflows.signal(orderId, "delivered", new DeliveryConfirmation("ada"));
		this.awaiter.awaitSignalWait(orderId, "return");
		// What `curl localhost:8080/actuator/workflows/<id> > <id>.json` saves.
		Path exported = Files.writeString(exports.resolve(orderId + ".json"),
				new ShopClient(this.port).get("/actuator/workflows/" + orderId));

		assertThat(this.replayer.replayExported(exported).entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.deterministic()).isTrue();
			assertThat(entry.detail()).contains("up to the end of the journal");
		});
		this.replayer.replayStored(orderId).assertDeterministic();
	}

}
