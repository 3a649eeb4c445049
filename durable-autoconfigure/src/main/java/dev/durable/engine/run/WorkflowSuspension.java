package dev.durable.engine.run;

import java.time.Instant;

import dev.durable.engine.journal.Waits;
import org.jspecify.annotations.Nullable;

/**
 * Unwinds a workflow's stack when it must wait (a timer, a signal, a retry backoff) so that no
 * thread is held. An {@link Error}, so that a {@code catch (Exception e)} in workflow code
 * cannot swallow it.
 */
public final class WorkflowSuspension extends Error {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Instant wakeAt;

	private final transient @Nullable String waitingFor;

	private final transient @Nullable StepFuture<?> parkedOn;

	/**
	 * Create a suspension on a timer.
	 * @param wakeAt when the workflow should run again
	 */
	public WorkflowSuspension(Instant wakeAt) {
		this(wakeAt, null);
	}

	/**
	 * Create a suspension.
	 * @param wakeAt when the workflow should run again at the latest, or null to wait only for
	 * the external event
	 * @param waitingFor the external event awaited ({@link Waits}), or null for a timer only
	 */
	public WorkflowSuspension(@Nullable Instant wakeAt, @Nullable String waitingFor) {
		this(wakeAt, waitingFor, null);
	}

	private WorkflowSuspension(@Nullable Instant wakeAt, @Nullable String waitingFor,
			@Nullable StepFuture<?> parkedOn) {
		super("Workflow suspended until " + ((wakeAt != null) ? wakeAt : "an external event")
				+ " (an internal signal of Durable; do not catch Throwable or Error in workflow code)", null, false,
				false);
		this.wakeAt = wakeAt;
		this.waitingFor = waitingFor;
		this.parkedOn = parkedOn;
	}

	/**
	 * Create a suspension that keeps the claim: activity futures of the run still run on this node.
	 */
	static WorkflowSuspension parked(@Nullable Instant wakeAt, @Nullable String waitingFor, StepFuture<?> awaited) {
		return new WorkflowSuspension(wakeAt, waitingFor, awaited);
	}

	/**
	 * Return the future a parked run waits for.
	 * @return the awaited future, or null if the run gives up its claim
	 */
	@Nullable StepFuture<?> parkedOn() {
		return this.parkedOn;
	}

	/**
	 * Return the external event the workflow waits for.
	 * @return the awaited event ({@link Waits}), or null for a timer only
	 */
	public @Nullable String getWaitingFor() {
		return this.waitingFor;
	}

	/**
	 * Return when the workflow should run again.
	 * @return the wake-up time, or null to wait for an external event
	 */
	public @Nullable Instant getWakeAt() {
		return this.wakeAt;
	}

}
