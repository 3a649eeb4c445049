package dev.durable.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.durable.sample.order.DailySettlement;
import dev.durable.sample.order.FraudActivities;
import dev.durable.sample.order.OrderItem;
import dev.durable.sample.order.OrderRequest;
import dev.durable.sample.order.OrderService;
import dev.durable.sample.order.ReservationRepository;
import dev.durable.sample.order.Settlement;
import dev.durable.sample.simulated.SimulatedPaymentProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's stories over real HTTP, against the running application: an order from purchase to
 * the end of its return window, and the failures that make durable execution worth having.
 * Waits and retry backoffs are shortened in the properties below; the assertions never depend
 * on how long anything took.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "shop.delivery-deadline=1m", "shop.return-window=3s",
				"resilience4j.retry.instances.payment.wait-duration=200ms",
				"resilience4j.retry.instances.payment.exponential-max-wait-duration=1s",
				"resilience4j.retry.instances.shipping.wait-duration=100ms",
				"resilience4j.retry.instances.bank.wait-duration=200ms",
				"resilience4j.retry.instances.bank.exponential-max-wait-duration=1s",
				"durable.activity.default-retry.initial-interval=100ms", "durable.worker.poll-interval=100ms" })
abstract class AbstractShopIntegrationTests {

	private static final String CARD = "4242424242424242";

	@LocalServerPort
	int port;

	@Autowired
	ReservationRepository reservations;

	@Autowired
	OrderService orders;

	@Autowired
	DailySettlement settlements;

	@Autowired
	JdbcTemplate jdbc;

	ShopClient shop;

	@BeforeEach
	void connect() {
		this.shop = new ShopClient(this.port);
	}

	@AfterEach
	void endOutages() throws Exception {
		for (String service : List.of("payments", "bank", "carrier")) {
			this.shop.post("/simulated/" + service + "/outage?down=false", "", 200);
		}
	}

	@Test
	void theDailySettlementTotalsTheDaysPaidOrders() throws Exception {
		String placed = this.shop.place("grace", 4200, CARD);
		String orderId = JsonPath.read(placed, "$.orderId");
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		// Called directly, the scheduled entry point runs as a workflow at once: tomorrow's run settles today.
		Settlement settled = this.settlements.settle(Instant.now().plus(Duration.ofDays(1)));
		assertThat(settled.orders()).isPositive();
		assertThat(settled.totalCents()).isGreaterThanOrEqualTo(4200);
	}

	@Test
	void anOrderBeginsThroughThePaymentsQueueSoThatChargesKeepToItsRateLimit() throws Exception {
		String placed = this.shop.place("hedy", 2500, CARD);
		String orderId = JsonPath.read(placed, "$.orderId");
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		assertThat(this.jdbc.queryForObject("select queue_name from durable_workflow where id = ?", String.class,
				orderId)).isEqualTo("payments");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge");
	}

	@Test
	void anOrderIsChargedPackedShippedDeliveredAndCompletesWhenItsReturnWindowCloses() throws Exception {
		String placed = this.shop.place("ada", 1299, CARD);
		assertThat((String) JsonPath.read(placed, "$.payment")).as("the answer waits for the payment, not the order")
			.isEqualTo("PAID");
		String orderId = JsonPath.read(placed, "$.orderId");
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		this.shop.post("/orders/" + orderId + "/packed", "{\"packedBy\":\"bob\"}", 202);
		this.shop.awaitStage(orderId, "SHIPPED");
		this.shop.post("/orders/" + orderId + "/delivered", "{\"receivedBy\":\"ada\"}", 202);
		String workflow = this.shop.awaitWorkflowStatus(orderId, "COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.stage")).isEqualTo("COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.trackingNumber")).startsWith("TRACK-");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge");
		assertThat((String) JsonPath.read(this.shop.get("/orders/" + orderId), "$.stage")).isEqualTo("COMPLETED");
		// The window has closed: a late return is refused instead of being silently kept.
		this.shop.post("/orders/" + orderId + "/return", "{\"reason\":\"too late\"}", 409);
	}

	@Test
	void anOrderWaitsOutAPaymentProviderOutageAndIsChargedOnceWhenItIsBack() throws Exception {
		this.shop.post("/simulated/payments/outage?down=true", "", 200);
		// Placed without the HTTP answer's wait for the payment, which would outlast these short retries.
		String orderId = this.orders.place(new OrderRequest("grace", List.of(new OrderItem("apple", 2)), 2500, CARD));
		this.shop.await("/actuator/workflows/" + orderId, (body) -> failedAttempts(body, "charge") >= 2);
		assertThat(this.shop.operations("payments", orderId)).isEmpty();
		this.shop.post("/simulated/payments/outage?down=false", "", 200);
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge");
	}

	@Test
	void aDeclinedCardIsNotRetriedAndEndsTheOrderWithItsStockReleased() throws Exception {
		String placed = this.shop.place("eve", 999, SimulatedPaymentProvider.DECLINED_CARD);
		assertThat((String) JsonPath.read(placed, "$.payment")).isEqualTo("DECLINED");
		String orderId = JsonPath.read(placed, "$.orderId");
		String workflow = this.shop.awaitWorkflowStatus(orderId, "COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.stage")).isEqualTo("DECLINED");
		List<Integer> attempts = JsonPath.read(workflow,
				"$.events[?(@.type == 'ACTIVITY_FAILED' && @.name == 'PaymentActivities.charge')].attempt");
		assertThat(attempts).containsExactly(1);
		assertThat(failedAttempts(workflow, "charge")).isZero();
		assertThat(this.shop.operations("payments", orderId)).isEmpty();
		assertThat(this.reservations.findById(orderId)).hasValueSatisfying((r) -> assertThat(r.isReleased()).isTrue());
		assertThat((String) JsonPath.read(this.shop.get("/orders/" + orderId), "$.detail")).contains("declined");
	}

	@Test
	void aCardTheFraudCheckFlagsIsNeverChargedAndTheCheckoutSaysRejected() throws Exception {
		String placed = this.shop.place("mallory", 999, FraudActivities.FLAGGED_CARD);
		assertThat((String) JsonPath.read(placed, "$.payment")).isEqualTo("REJECTED");
		String orderId = JsonPath.read(placed, "$.orderId");
		String workflow = this.shop.awaitWorkflowStatus(orderId, "COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.stage")).isEqualTo("FRAUD_REJECTED");
		List<String> completed = JsonPath.read(workflow, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].name");
		assertThat(completed).contains("InventoryActivities.reserve", "FraudActivities.screen",
				"InventoryActivities.release");
		assertThat(this.shop.operations("payments", orderId)).isEmpty();
		assertThat(this.reservations.findById(orderId)).hasValueSatisfying((r) -> assertThat(r.isReleased()).isTrue());
	}

	@Test
	void aShippingFailureAfterPaymentRefundsTheChargeAndReleasesTheStock() throws Exception {
		String orderId = this.shop.placeOrder("linus", 4200, CARD);
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		this.shop.post("/simulated/carrier/outage?down=true", "", 200);
		this.shop.post("/orders/" + orderId + "/packed", "{}", 202);
		String workflow = this.shop.awaitWorkflowStatus(orderId, "COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.stage")).isEqualTo("SHIPPING_FAILED");
		List<String> completed = JsonPath.read(workflow, "$.events[?(@.type == 'ACTIVITY_COMPLETED')].name");
		// The saga undoes in reverse order: first the refund, then the reservation.
		assertThat(completed).containsSubsequence("PaymentActivities.charge", "PaymentActivities.refund",
				"InventoryActivities.release");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge", "refund");
		assertThat(this.reservations.findById(orderId)).hasValueSatisfying((r) -> assertThat(r.isReleased()).isTrue());
	}

	@Test
	void aReturnWithinTheWindowRefundsTheOrder() throws Exception {
		String orderId = this.shop.placeOrder("alan", 1500, CARD);
		this.shop.awaitStage(orderId, "AWAITING_PACKING");
		// Signals are durable and kept until the workflow waits for them, so the customer's
		// return sent right after delivery is in the window however fast the workflow runs.
		this.shop.post("/orders/" + orderId + "/packed", "{}", 202);
		this.shop.post("/orders/" + orderId + "/delivered", "{}", 202);
		this.shop.post("/orders/" + orderId + "/return", "{\"reason\":\"wrong size\"}", 202);
		String workflow = this.shop.awaitWorkflowStatus(orderId, "COMPLETED");
		assertThat((String) JsonPath.read(workflow, "$.result.stage")).isEqualTo("RETURNED");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge", "refund");
		assertThat((String) JsonPath.read(this.shop.get("/orders/" + orderId), "$.detail")).contains("wrong size");
	}

	@Test
	void aTransferWaitsForTheBankAndDepositsOnceWhenItIsBack() throws Exception {
		long balance = balance();
		this.shop.post("/simulated/bank/outage?down=true", "", 200);
		String transferId = JsonPath.read(this.shop.post("/transfers",
				"{\"fromAccount\":\"shop-main\",\"toIban\":\"DE02100100100006820101\",\"amountCents\":5000}", 202),
				"$.transferId");
		this.shop.await("/actuator/workflows/" + transferId, (body) -> failedAttempts(body, "deposit") >= 2);
		assertThat(balance()).isEqualTo(balance - 5000);
		assertThat(this.shop.operations("bank", transferId)).isEmpty();
		this.shop.post("/simulated/bank/outage?down=false", "", 200);
		String transfer = this.shop.await("/transfers/" + transferId,
				(body) -> "COMPLETED".equals(JsonPath.read(body, "$.status")));
		assertThat((String) JsonPath.read(transfer, "$.receipt.withdrawalId")).isEqualTo("WD-" + transferId);
		assertThat(this.shop.operations("bank", transferId)).containsExactly("deposit");
		assertThat(balance()).isEqualTo(balance - 5000);
	}

	private long balance() throws Exception {
		return ((Number) JsonPath.read(this.shop.get("/accounts/shop-main"), "$.balanceCents")).longValue();
	}

	private static int failedAttempts(String workflow, String activity) {
		List<Object> failures = JsonPath.read(workflow, "$.events[?(@.type == 'ACTIVITY_ATTEMPT_FAILED' && @.name =~ /.*\\."
				+ activity + "/)]");
		return failures.size();
	}

}
