package dev.durable.testapp;

import java.util.List;
import java.util.function.Consumer;

import dev.durable.WorkflowClient;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves an order and starts its workflow in one transaction.
 */
@Service
public class CheckoutService {

	private final ShopOrderRepository orders;

	private final WorkflowClient client;

	private final OrderWorkflow workflow;

	public CheckoutService(ShopOrderRepository orders, WorkflowClient client, OrderWorkflow workflow) {
		this.orders = orders;
		this.client = client;
		this.workflow = workflow;
	}

	@Transactional
	public void checkout(String orderId, boolean failAfterStart, Consumer<String> beforeCommit) {
		this.orders.save(new ShopOrder(orderId, "ada"));
		this.client.start(orderId, () -> this.workflow.process(orderId, List.of(new Line("apple", 1))));
		beforeCommit.accept(orderId);
		if (failAfterStart) {
			throw new IllegalStateException("payment provider rejected order " + orderId);
		}
	}


}
