package dev.durable.sample.order;

import dev.durable.annotation.Activity;

/**
 * The fraud check an order passes before its card is charged. It stands in for a fraud-scoring
 * service: the card {@value #FLAGGED_CARD} is always flagged (as payment providers' test cards
 * are), every other order is approved. The workflow runs it at the same time as the stock
 * reservation, so it adds no waiting to a checkout.
 */
@Activity
public class FraudActivities {

	/** The card the simulated fraud service always flags. */
	public static final String FLAGGED_CARD = "4100000000000019";

	/**
	 * Screen an order for fraud.
	 * @param orderId the order
	 * @param order what was ordered, by whom and with which card
	 * @return the verdict; a rejection is an answer, not a failure, so it is not retried
	 */
	public FraudVerdict screen(String orderId, OrderRequest order) {
		if (FLAGGED_CARD.equals(order.card())) {
			return FraudVerdict.reject("Card " + mask(order.card()) + " is flagged by the fraud service");
		}
		return FraudVerdict.approve();
	}

	private static String mask(String card) {
		return "ending in " + card.substring(Math.max(0, card.length() - 4));
	}

}
