package dev.durable.engine.journal;

/**
 * Names of the external events a suspended workflow can wait for, as stored with it: the store
 * wakes the workflow when such an event arrives, and refuses to put it to sleep if the event
 * arrived while it was deciding to wait.
 */
public final class Waits {

	/** The prefix of a signal wait: {@code signal:<name>}. */
	public static final String SIGNAL = "signal:";

	/** The prefix of a child wait: {@code child:<child workflow id>}. */
	public static final String CHILD = "child:";

	private Waits() {
	}

	/**
	 * Name a wait for a signal.
	 * @param name the signal name
	 * @return the wait
	 */
	public static String signal(String name) {
		return SIGNAL + name;
	}

	/**
	 * Name a wait for a child workflow to end.
	 * @param childId the child's id
	 * @return the wait
	 */
	public static String child(String childId) {
		return CHILD + childId;
	}

}
