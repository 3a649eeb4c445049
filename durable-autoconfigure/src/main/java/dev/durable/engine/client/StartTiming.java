package dev.durable.engine.client;

import java.time.Duration;
import java.time.Instant;

import dev.durable.StartOptions;
import dev.durable.engine.journal.NewWorkflow;
import org.jspecify.annotations.Nullable;

/**
 * What {@link StartOptions} make of a new workflow's row: the time it becomes due (now plus the
 * delay, so that a delay survives restarts like a timer does), its deadline (that time plus the
 * timeout) and its priority.
 */
final class StartTiming {

	private StartTiming() {
	}

	/**
	 * Apply the options' delay, timeout and priority to a pending workflow.
	 * @param options the start options
	 * @param pending the workflow as created without options
	 * @return the workflow to create
	 */
	static NewWorkflow of(StartOptions options, NewWorkflow pending) {
		Instant begins = pending.createdAt().plus(options.delay());
		Duration timeout = options.timeout();
		return pending.timed(begins, (timeout != null) ? begins.plus(timeout) : null, options.priority());
	}

	/**
	 * Tell whether a workflow begins the moment it is created, so that this node may claim it as
	 * it creates it: not delayed and not under a queue's limits.
	 * @param options the start options
	 * @param queue the queue it waits in (named by the options or by its type), or null for none
	 * @return {@code true} if it does
	 */
	static boolean beginsNow(StartOptions options, @Nullable String queue) {
		return queue == null && options.delay().isZero();
	}

}
