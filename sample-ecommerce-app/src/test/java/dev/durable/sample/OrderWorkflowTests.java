package dev.durable.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowStatus;
import dev.durable.sample.order.DeliveryConfirmation;
import dev.durable.sample.order.OrderItem;
import dev.durable.sample.order.OrderOutcome;
import dev.durable.sample.order.OrderRequest;
import dev.durable.sample.order.OrderService;
import dev.durable.sample.order.OrderStage;
import dev.durable.sample.order.PackingConfirmation;
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
 * run in milliseconds by moving the test's clock: nothing is shortened, and no test sleeps.
 */
@DurableTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shop.delivery-deadline=7d", "shop.return-window=30d" })
class OrderWorkflowTests {

	private static final Duration AWAIT = Duration.ofSeconds(30);

	@Autowired
	OrderService orders;

	@Autowired
	WorkflowClient workflows;

	@Autowired
	ShopOrderRepository orderRows;

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
