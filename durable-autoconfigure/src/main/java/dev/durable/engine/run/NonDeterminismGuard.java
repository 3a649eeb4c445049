package dev.durable.engine.run;

import dev.durable.NonDeterministicWorkflowException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the first non-determinism found in a run: once poisoned, every later durable call fails the same way.
 */
final class NonDeterminismGuard {

	private @Nullable NonDeterministicWorkflowException found;

	/**
	 * Return the non-determinism found in this run, or null.
	 */
	@Nullable NonDeterministicWorkflowException found() {
		return this.found;
	}

	/**
	 * Poison the run with this mismatch, unless it already is, and return the run's exception.
	 */
	NonDeterministicWorkflowException poison(String message) {
		if (this.found == null) {
			this.found = new NonDeterministicWorkflowException(message);
		}
		return this.found;
	}

	void throwIfPoisoned() {
		if (this.found != null) {
			throw this.found;
		}
	}

}
