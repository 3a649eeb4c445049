package dev.durable.sample.order;

import java.time.Duration;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the shop asks of the warehouse beyond packing: chasing an order that was not packed in
 * time. A real shop would page the warehouse's shift lead or open a ticket; the sample writes the
 * escalation to its log, under the activity's idempotency key, which a ticketing system would use
 * to open one ticket however often the call is repeated.
 */
@Activity
public class WarehouseActivities {

	private static final Log logger = LogFactory.getLog(WarehouseActivities.class);

	/**
	 * Escalate an order that was not packed within its packing deadline.
	 * @param orderId the order
	 * @param deadline the packing deadline that passed
	 * @return the escalation's ticket id
	 */
	public String escalateLatePacking(String orderId, Duration deadline) {
		String ticket = "ESC-" + orderId;
		logger.warn("Order " + orderId + " was not packed within " + deadline
				+ "; escalated to the warehouse shift lead as " + ticket + " (key " + ActivityContext.idempotencyKey() + ")");
		return ticket;
	}

}
