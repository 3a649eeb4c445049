package dev.durable.sample;

import java.util.Map;
import java.util.UUID;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.WorkflowNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's API: place an order (starts its workflow and returns at once) and look it up.
 */
@RestController
public class OrderController {

	private final WorkflowClient workflows;

	private final OrderWorkflow orders;

	public OrderController(WorkflowClient workflows, OrderWorkflow orders) {
		this.workflows = workflows;
		this.orders = orders;
	}

	@PostMapping("/orders")
	public ResponseEntity<Map<String, String>> place(@RequestBody OrderRequest order) {
		String orderId = UUID.randomUUID().toString();
		this.workflows.start(orderId, () -> this.orders.process(orderId, order));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("orderId", orderId));
	}

	@GetMapping("/orders/{orderId}")
	public Map<String, Object> status(@PathVariable String orderId) {
		WorkflowHandle<OrderConfirmation> handle = this.workflows.handle(orderId);
		return Map.of("orderId", orderId, "status", handle.status());
	}

	@ExceptionHandler(WorkflowNotFoundException.class)
	ResponseEntity<Map<String, String>> notFound(WorkflowNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", ex.getMessage()));
	}

}
