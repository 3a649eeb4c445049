package dev.durable.sample.order;

/**
 * What the fraud check said about an order.
 * @param approved whether the order may go ahead
 * @param reason why, in a sentence for the order's history
 */
public record FraudVerdict(boolean approved, String reason) {

	/**
	 * An order that may go ahead.
	 * @return the verdict
	 */
	public static FraudVerdict approve() {
		return new FraudVerdict(true, "No signs of fraud");
	}

	/**
	 * An order that must not go ahead.
	 * @param reason why
	 * @return the verdict
	 */
	public static FraudVerdict reject(String reason) {
		return new FraudVerdict(false, reason);
	}

}
