package dev.durable.engine.run;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once the caller's transaction has committed, or at once without one: workers
 * woken for a start, signal or retry must not look before the rows they need are visible.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * Run the action after the current transaction commits, or now if there is none.
	 * @param action what to run
	 */
	public static void run(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}

}
