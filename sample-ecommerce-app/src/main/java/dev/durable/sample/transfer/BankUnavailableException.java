package dev.durable.sample.transfer;

import org.jspecify.annotations.Nullable;

/**
 * The external bank could not be reached or answered with an error; the {@code bank} retry
 * policy retries the deposit.
 */
public class BankUnavailableException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public BankUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
