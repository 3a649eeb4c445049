package dev.durable.engine.run;

/**
 * Tells the workers that work may be due now, so that a new or resumed workflow does not wait
 * for the next poll.
 */
@FunctionalInterface
public interface WorkerDispatch {

	/**
	 * Look for due workflows now.
	 */
	void wakeUp();

}
