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

	/**
	 * Run one action once the current transaction has committed and another if it rolls back; the
	 * first at once without a transaction.
	 * @param committed what to run after the commit
	 * @param rolledBack what to run if there is no commit (rollback, or an unknown outcome)
	 */
	public static void runOrUndo(Runnable committed, Runnable rolledBack) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						committed.run();
					}
					else {
						rolledBack.run();
					}
				}
			});
		}
		else {
			committed.run();
		}
	}

}
