package dev.durable.engine.journal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A workflow claimed to run, with its row and journal when the claim brought them along (one
 * round trip on PostgreSQL), so that the worker starts replaying without reading them again.
 * @param claim the claim
 * @param loaded the workflow and its journal as the claim found them, or null to load them
 */
public record ClaimedRun(ClaimedWorkflow claim, @Nullable LoadedWorkflow loaded) {

	/**
	 * Validate the run.
	 */
	public ClaimedRun {
		Objects.requireNonNull(claim, "claim");
	}

}
