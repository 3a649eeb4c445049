package dev.durable.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Unwinds a workflow's stack when it must wait (a timer, a signal, a retry backoff) so that no
 * thread is held. An {@link Error}, so that a {@code catch (Exception e)} in workflow code
 * cannot swallow it.
 */
public final class WorkflowSuspension extends Error {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Instant wakeAt;

	/**
	 * Create a suspension.
	 * @param wakeAt when the workflow should run again, or null to wait for an external event
	 */
	public WorkflowSuspension(@Nullable Instant wakeAt) {
		super("Workflow suspended until " + ((wakeAt != null) ? wakeAt : "an external event")
				+ " (an internal signal of Durable; do not catch Throwable or Error in workflow code)", null, false,
				false);
		this.wakeAt = wakeAt;
	}

	/**
	 * Return when the workflow should run again.
	 * @return the wake-up time, or null to wait for an external event
	 */
	public @Nullable Instant getWakeAt() {
		return this.wakeAt;
	}

}
