package dev.durable;

/**
 * An activity failed for good: its retry policy gave up or the exception was not retryable.
 *
 * <p>Workflow code sees the same exception on the first run and on every replay, built from
 * the journal: the message is the original exception's message.
 */
public class ActivityFailedException extends DurableException {

	private static final long serialVersionUID = 1L;

	private final String activityName;

	private final int attempts;

	private final String originalExceptionType;

	/**
	 * Create the exception.
	 * @param activityName the activity's name
	 * @param attempts how many attempts were made
	 * @param originalExceptionType the fully qualified class name of the last attempt's exception
	 * @param message the last attempt's exception message
	 */
	public ActivityFailedException(String activityName, int attempts, String originalExceptionType, String message) {
		super(message);
		this.activityName = activityName;
		this.attempts = attempts;
		this.originalExceptionType = originalExceptionType;
	}

	/**
	 * Return the name of the activity that failed.
	 * @return the activity name
	 */
	public String getActivityName() {
		return this.activityName;
	}

	/**
	 * Return how many attempts were made before giving up.
	 * @return the attempt count, at least 1
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return the fully qualified class name of the exception the last attempt threw.
	 * @return the original exception type
	 */
	public String getOriginalExceptionType() {
		return this.originalExceptionType;
	}

}
