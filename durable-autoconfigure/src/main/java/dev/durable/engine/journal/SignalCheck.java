package dev.durable.engine.journal;

import org.jspecify.annotations.Nullable;

/**
 * Decides, inside the transaction that takes a pending signal, whether its payload fits the
 * type the workflow awaits, so that a payload that does not fit is recorded as rejected in the
 * same write that consumes it instead of failing the workflow on every replay.
 */
@FunctionalInterface
public interface SignalCheck {

	/**
	 * Tell why a signal's payload does not fit the awaited type.
	 * @param payload the signal's JSON payload, or null if it has none
	 * @return null if it fits, else why not, naming the signal, the type and the JSON path but
	 * none of the payload's values
	 */
	@Nullable String rejection(@Nullable String payload);

}
