package dev.durable;

/**
 * Base class of every exception Durable throws to application code.
 */
public abstract class DurableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message.
	 * @param message the detail message
	 */
	protected DurableException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and a cause.
	 * @param message the detail message
	 * @param cause the cause
	 */
	protected DurableException(String message, Throwable cause) {
		super(message, cause);
	}

}
