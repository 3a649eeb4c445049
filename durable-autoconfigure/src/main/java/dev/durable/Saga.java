package dev.durable;

import java.util.ArrayList;
import java.util.List;

/**
 * Compensations to undo completed steps when a later step fails.
 *
 * <pre>{@code
 * Saga saga = new Saga();
 * String chargeId = payments.charge(order);
 * saga.addCompensation(() -> payments.refund(chargeId));
 * try {
 *     shipping.ship(order);
 * } catch (ActivityFailedException ex) {
 *     saga.compensate();
 *     throw ex;
 * }
 * }</pre>
 *
 * <p>Compensations are meant to call activities, so each is journaled like any other step and
 * a crash in the middle of compensating resumes where it stopped.
 */
public final class Saga {

	private final List<Runnable> compensations = new ArrayList<>();

	/**
	 * Create an empty saga.
	 */
	public Saga() {
	}

	/**
	 * Add a compensation; compensations run in reverse order of addition.
	 * @param compensation the compensation, typically an activity call
	 */
	public void addCompensation(Runnable compensation) {
		this.compensations.add(compensation);
	}

	/**
	 * Run all compensations in reverse order. Each runs even if an earlier one failed; the
	 * first failure is rethrown at the end with the others suppressed.
	 */
	public void compensate() {
		RuntimeException first = null;
		for (int i = this.compensations.size() - 1; i >= 0; i--) {
			try {
				this.compensations.get(i).run();
			}
			catch (RuntimeException ex) {
				if (first == null) {
					first = ex;
				}
				else {
					first.addSuppressed(ex);
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

}
