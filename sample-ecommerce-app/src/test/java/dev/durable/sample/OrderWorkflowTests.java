package dev.durable.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.durable.WorkflowClient;
import dev.durable.WorkflowStatus;
import dev.durable.sample.order.DeliveryConfirmation;
import dev.durable.sample.order.FraudActivities;
import dev.durable.sample.order.OrderItem;
import dev.durable.sample.order.OrderOutcome;
import dev.durable.sample.order.OrderRequest;
import dev.durable.sample.order.OrderService;
import dev.durable.sample.order.OrderStage;
import dev.durable.sample.order.PackingConfirmation;
import dev.durable.sample.order.PaymentStatus;
import dev.durable.sample.order.ReservationRepository;
import dev.durable.sample.order.ReturnRequest;
import dev.durable.sample.order.ShopOrderRepository;
import dev.durable.testing.DurableTest;
import dev.durable.testing.DurableTestClock;
import dev.durable.testing.WorkflowAwaiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The order workflow with the real waits of a shop, a week for delivery and 30 days for returns,
 * run in milliseconds by moving the test's clock: nothing is shortened, and no test sleeps. So are
 * the fraud check beside the reservation and the two-day packing deadline.
 */
@DurableTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.delivery-deadline=7d", "shop.return-window=30d", "shop.packing-deadline=2d" })
class OrderWorkflowTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	@Autowired
	OrderService orders;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	ShopOrderRepository orderRows;

	@Autowired
	ReservationRepository reservations;

	@Autowired
	DurableTestClock clock;

	@Autowired
	WorkflowAwaiter awaiter;

	@LocalServerPort
	int port;

	ShopClient shop;

	@BeforeEach
	void connect() {
		this.shop = new ShopClient(this.port);
	}

	@Test
	void anOrderIsCompletedWhenItsThirtyDayReturnWindowCloses() throws Exception {
		String orderId = deliveredOrder("ada");
		Instant deliveredAt = this.clock.instant();
		assertThat(this.orderRows.findById(orderId).orElseThrow().getDetail())
			.endsWith("returns accepted until " + deliveredAt.plus(Duration.ofDays(30)));

		long realStart = System.nanoTime();
		this.clock.advance(Duration.ofDays(29));
		this.awaiter.awaitSignalWait(orderId, "return");
		this.clock.advance(Duration.ofDays(1));
		OrderOutcome outcome = this.workflows.<OrderOutcome>handle(orderId).await(AWAIT);
		long realMillis = Duration.ofNanos(System.nanoTime() - realStart).toMillis();

		assertThat(outcome.stage()).isEqualTo(OrderStage.COMPLETED);
		assertThat(outcome.detail()).isEqualTo("Return window closed");
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge");
		// The window is closed: a late return is refused, not kept for a workflow that has ended.
		assertThatIllegalStateException()
			.isThrownBy(() -> this.workflows.signal(orderId, "return", new ReturnRequest("too late")));
		System.out.println("30-day return window of " + orderId + " passed in " + realMillis + " ms of real time");
	}

	@Test
	void aReturnOnTheLastDayOfTheWindowIsRefunded() throws Exception {
		String orderId = deliveredOrder("alan");
		this.clock.advance(Duration.ofDays(30).minusMinutes(1));
		this.workflows.signal(orderId, "return", new ReturnRequest("wrong size"));
		OrderOutcome outcome = this.workflows.<OrderOutcome>handle(orderId).await(AWAIT);
		assertThat(outcome.stage()).isEqualTo(OrderStage.RETURNED);
		assertThat(this.shop.operations("payments", orderId)).containsExactly("charge", "refund");
	}

	@Test
	void anOrderWithoutDeliveryConfirmationIsTakenAsDeliveredAfterAWeek() throws Exception {
		String orderId = this.orders.place(request("grace"));
		this.awaiter.awaitSignalWait(orderId, "packed");
		this.workflows.signal(orderId, "packed", new PackingConfirmation("bob"));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		this.clock.advance(Duration.ofDays(7));
		this.awaiter.awaitSignalWait(orderId, "return");
		assertThat(this.orderRows.findById(orderId).orElseThrow().getDetail())
			.startsWith("No delivery confirmation by the deadline; taken as delivered");
		this.clock.advance(Duration.ofDays(30));
		this.awaiter.awaitStatus(orderId, WorkflowStatus.COMPLETED);
	}

	@Test
	void anOrderTheFraudCheckRejectsReleasesItsStockAndIsNeverCharged() throws Exception {
		String orderId = this.orders.place(new OrderRequest("mallory", List.of(new OrderItem("apple", 2)), 1299,
				FraudActivities.FLAGGED_CARD));
		OrderOutcome outcome = this.workflows.<OrderOutcome>handle(orderId).await(AWAIT);

		assertThat(outcome.stage()).isEqualTo(OrderStage.FRAUD_REJECTED);
		assertThat(outcome.detail()).contains("flagged by the fraud service").contains("ending in 0019");
		assertThat(outcome.chargeId()).isNull();
		assertThat(this.shop.operations("payments", orderId)).isEmpty();
		assertThat(this.reservations.findById(orderId).orElseThrow().isReleased()).isTrue();
		assertThat(this.workflows.getEvent(orderId, "payment", PaymentStatus.class, Duration.ZERO))
			.contains(PaymentStatus.REJECTED);
		// Started together, the order's first two steps; the reservation was compensated.
		assertThat(activities(orderId)).startsWith("InventoryActivities.reserve", "FraudActivities.screen")
			.contains("InventoryActivities.release")
			.doesNotContain("PaymentActivities.charge");
	}

	@Test
	void anOrderNotPackedWithinTwoDaysIsEscalatedOnceAndShipsWhenPackedAfterAll() throws Exception {
		String orderId = this.orders.place(request("late"));
		this.awaiter.awaitSignalWait(orderId, "packed");
		assertThat(this.orderRows.findById(orderId).orElseThrow().getStage()).isEqualTo(OrderStage.AWAITING_PACKING);

		this.clock.advance(Duration.ofDays(2));
		this.shop.awaitStage(orderId, OrderStage.PACKING_OVERDUE.name());
		assertThat(this.orderRows.findById(orderId).orElseThrow().getDetail())
			.isEqualTo("Not packed within PT48H; escalated to the warehouse as ESC-" + orderId
					+ ", still waiting for packing");
		this.awaiter.awaitStatus(orderId, WorkflowStatus.WAITING);

		this.workflows.signal(orderId, "packed", new PackingConfirmation("bob"));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		assertThat(this.orderRows.findById(orderId).orElseThrow().getStage()).isEqualTo(OrderStage.SHIPPED);
		assertThat(activities(orderId)).containsOnlyOnce("WarehouseActivities.escalateLatePacking")
			.contains("ShippingActivities.ship");
	}

	@Test
	void anOrderPackedBeforeItsDeadlineShipsWithoutEscalation() throws Exception {
		String orderId = this.orders.place(request("prompt"));
		this.awaiter.awaitSignalWait(orderId, "packed");
		this.clock.advance(Duration.ofDays(1));
		this.workflows.signal(orderId, "packed", new PackingConfirmation("bob"));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		// The deadline passes while the order waits for its delivery: the race was decided already.
		this.clock.advance(Duration.ofDays(2));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		assertThat(this.orderRows.findById(orderId).orElseThrow().getStage()).isEqualTo(OrderStage.SHIPPED);
		assertThat(activities(orderId)).doesNotContain("WarehouseActivities.escalateLatePacking");
	}

	/**
	 * The names of the activities an order's journal recorded as completed, in the order the
	 * workflow called them (futures may be recorded in another order).
	 */
	private List<String> activities(String orderId) throws Exception {
		String detail = this.shop.get("/actuator/workflows/" + orderId);
		List<Map<String, Object>> completed = JsonPath.read(detail, "$.events[?(@.type == 'ACTIVITY_COMPLETED')]");
		return completed.stream()
			.sorted(Comparator.comparingInt((event) -> ((Number) event.get("step")).intValue()))
			.map((event) -> (String) event.get("name"))
			.toList();
	}

	/**
	 * Place an order, pack it and confirm its delivery: it then waits in its return window.
	 */
	private String deliveredOrder(String customer) {
		String orderId = this.orders.place(request(customer));
		this.awaiter.awaitSignalWait(orderId, "packed");
		this.workflows.signal(orderId, "packed", new PackingConfirmation("bob"));
		this.awaiter.awaitSignalWait(orderId, "delivered");
		this.workflows.signal(orderId, "delivered", new DeliveryConfirmation(customer));
		this.awaiter.awaitSignalWait(orderId, "return");
		return orderId;
	}

	private static OrderRequest request(String customer) {
		return new OrderRequest(customer, List.of(new OrderItem("apple", 2)), 1299, null);
	}

}
