package dev.durable.sample.order;

import java.util.UUID;

import dev.durable.StartOptions;
import dev.durable.WorkflowClient;
import dev.durable.sample.ShopProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: the order row and its workflow are written in one transaction, so there is
 * never an order without a workflow or a workflow without an order. Orders begin through the
 * {@code payments} queue: charging the card is an order's first step, so the queue's rate limit
 * ({@code durable.queues.payments} in application.yml) is how many charges per second the shop
 * asks of its payment provider, across every instance of the shop. Orders beyond it wait,
 * {@code PENDING}, for their turn.
 */
@Service
public class OrderService {

	private final ShopOrderRepository orders;

	private final WorkflowClient workflows;

	private final OrderWorkflow orderWorkflow;

	private final ShopProperties properties;

	OrderService(ShopOrderRepository orders, WorkflowClient workflows, OrderWorkflow orderWorkflow,
			ShopProperties properties) {
		this.orders = orders;
		this.workflows = workflows;
		this.orderWorkflow = orderWorkflow;
		this.properties = properties;
	}

	/**
	 * Place an order; its workflow starts once the transaction commits.
	 * @param request the order
	 * @return the new order's id
	 */
	@Transactional
	public String place(OrderRequest request) {
		String orderId = "order-" + UUID.randomUUID().toString().substring(0, 8);
		this.orders.save(new ShopOrder(orderId, request.customer(), request.amountCents()));
		OrderTerms terms = new OrderTerms(this.properties.deliveryDeadline(), this.properties.returnWindow());
		this.workflows.start(StartOptions.id(orderId).queue("payments"),
				() -> this.orderWorkflow.process(orderId, request, terms));
		return orderId;
	}

}
