package dev.durable.sample.order;

/**
 * The payment provider declined the card. Retrying cannot help, so the {@code payment} retry
 * policy ignores it and the order ends at once.
 */
public class CardDeclinedException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message the provider's explanation
	 */
	public CardDeclinedException(String message) {
		super(message);
	}

}
