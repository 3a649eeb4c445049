package dev.durable.sample;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

/**
 * The payment provider. Its answer takes {@code shop.payment-delay}, long enough in the crash
 * test for the process to be killed mid-payment.
 */
@Activity
public class PaymentActivities {

	private final ShopProperties properties;

	public PaymentActivities(ShopProperties properties) {
		this.properties = properties;
	}

	public String charge(String orderId, long amountCents) {
		try {
			Thread.sleep(this.properties.paymentDelay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Payment for order " + orderId + " was interrupted", ex);
		}
		return "PAY-" + orderId + "-" + amountCents + "-" + ActivityContext.attempt();
	}

}
