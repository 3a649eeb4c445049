package dev.durable.sample.transfer;

/**
 * A transfer that can never succeed (unknown account, insufficient funds); not retried.
 */
public class TransferRejectedException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message why
	 */
	public TransferRejectedException(String message) {
		super(message);
	}

}
