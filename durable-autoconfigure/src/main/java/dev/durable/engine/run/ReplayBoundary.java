package dev.durable.engine.run;

/**
 * Ends a replay check where the journal ends: the code reached a call the journal has not
 * recorded yet, so everything before it replayed consistently. An {@link Error}, so that a
 * {@code catch (Exception e)} in workflow code cannot swallow it.
 */
public final class ReplayBoundary extends Error {

	private static final long serialVersionUID = 1L;

	ReplayBoundary() {
		super("End of the recorded journal", null, false, false);
	}

}
