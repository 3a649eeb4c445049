package dev.durable.sample.order;

import org.jspecify.annotations.Nullable;

/**
 * The payment provider could not be reached or answered with a server error; the {@code payment}
 * retry policy retries the call.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public PaymentProviderUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
