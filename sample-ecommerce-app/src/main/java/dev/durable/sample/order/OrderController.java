package dev.durable.sample.order;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's order API: place an order, tell its workflow what happened in the real world
 * (packed, delivered, returned), and look it up.
 */
@RestController
public class OrderController {

	/** How long placing an order waits for the payment's outcome before it answers without it. */
	private static final Duration PAYMENT_WAIT = Duration.ofSeconds(3);

	private final OrderService service;

	private final ShopOrderRepository orders;

	private final WorkflowClient workflows;

	OrderController(OrderService service, ShopOrderRepository orders, WorkflowClient workflows) {
		this.service = service;
		this.orders = orders;
		this.workflows = workflows;
	}

	/**
	 * Place an order and answer as soon as its workflow has published the payment's outcome
	 * ({@code "payment"}: {@code PAID}, {@code DECLINED}, {@code REJECTED} or {@code FAILED}), or with
	 * {@code PENDING} if it takes longer than {@link #PAYMENT_WAIT} (the provider is retried).
	 */
	@PostMapping("/orders")
	ResponseEntity<Map<String, String>> place(@RequestBody OrderRequest order) {
		String orderId = this.service.place(order);
		String payment = this.workflows.getEvent(orderId, "payment", PaymentStatus.class, PAYMENT_WAIT)
			.map(PaymentStatus::name)
			.orElse("PENDING");
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "payment", payment));
	}

	@GetMapping("/orders/{orderId}")
	ResponseEntity<Map<String, Object>> order(@PathVariable String orderId) {
		return this.orders.findById(orderId).map((order) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("orderId", order.getId());
			body.put("customer", order.getCustomer());
			body.put("amountCents", order.getAmountCents());
			body.put("stage", order.getStage());
			body.put("detail", order.getDetail());
			body.put("workflowStatus", this.workflows.handle(orderId).status());
			body.put("updatedAt", order.getUpdatedAt());
			return ResponseEntity.ok(body);
		}).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "No order " + orderId)));
	}

	@PostMapping("/orders/{orderId}/packed")
	ResponseEntity<Map<String, String>> packed(@PathVariable String orderId,
			@RequestBody(required = false) @Nullable PackingConfirmation confirmation) {
		return signal(orderId, "packed", (confirmation != null) ? confirmation : new PackingConfirmation("warehouse"));
	}

	@PostMapping("/orders/{orderId}/delivered")
	ResponseEntity<Map<String, String>> delivered(@PathVariable String orderId,
			@RequestBody(required = false) @Nullable DeliveryConfirmation confirmation) {
		return signal(orderId, "delivered",
				(confirmation != null) ? confirmation : new DeliveryConfirmation("the customer"));
	}

	@PostMapping("/orders/{orderId}/return")
	ResponseEntity<Map<String, String>> returnOrder(@PathVariable String orderId,
			@RequestBody(required = false) @Nullable ReturnRequest request) {
		return signal(orderId, "return", (request != null) ? request : new ReturnRequest("no reason given"));
	}

	private ResponseEntity<Map<String, String>> signal(String orderId, String name, Object payload) {
		this.workflows.signal(orderId, name, payload);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId, "signal", name));
	}

	@ExceptionHandler(WorkflowNotFoundException.class)
	ResponseEntity<Map<String, String>> notFound(WorkflowNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", ex.getMessage()));
	}

	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<Map<String, String>> ended(IllegalStateException ex) {
		// Signalling an order whose story has ended, e.g. a return after the window closed.
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", ex.getMessage()));
	}

}
