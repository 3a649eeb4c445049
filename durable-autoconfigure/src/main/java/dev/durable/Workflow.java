package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.durable.engine.run.ExecutionContexts;

/**
 * Durable operations for workflow code. Every method must be called on the thread running
 * a workflow; elsewhere it throws {@link IllegalStateException}.
 *
 * <p>Each call is a step of the journal: on replay it returns what was recorded instead of
 * running again, which is what keeps workflow code deterministic.
 */
public final class Workflow {

	/**
	 * Returned by {@link #getVersion} for a workflow that passed that point before the change
	 * existed.
	 */
	public static final int DEFAULT_VERSION = -1;

	private Workflow() {
	}

	/**
	 * Return the id of the running workflow.
	 * @return the workflow id
	 */
	public static String id() {
		return ExecutionContexts.workflow("Workflow.id()").workflowId();
	}

	/**
	 * Sleep durably: the workflow suspends without holding a thread and resumes when the
	 * duration has passed, also across restarts, waiting only for what is left.
	 * @param duration how long to sleep
	 */
	public static void sleep(Duration duration) {
		ExecutionContexts.workflow("Workflow.sleep()").sleep(duration);
	}

	/**
	 * Wait durably for a signal sent with {@link WorkflowClient#signal}.
	 * @param <T> the payload type
	 * @param name the signal name
	 * @param type the payload type
	 * @return the payload
	 */
	public static <T> T awaitSignal(String name, Class<T> type) {
		return ExecutionContexts.workflow("Workflow.awaitSignal()").awaitSignal(name, type, null)
			.orElseThrow(() -> new IllegalStateException("Signal '" + name + "' arrived without a payload"));
	}

	/**
	 * Wait durably for a signal, at most for the given time.
	 * @param <T> the payload type
	 * @param name the signal name
	 * @param type the payload type
	 * @param timeout how long to wait at most
	 * @return the payload, or empty if the timeout passed first
	 */
	public static <T> Optional<T> awaitSignal(String name, Class<T> type, Duration timeout) {
		return ExecutionContexts.workflow("Workflow.awaitSignal()").awaitSignal(name, type, timeout);
	}

	/**
	 * Return the current time, recorded on first execution and identical on replay.
	 * @return the recorded instant
	 */
	public static Instant now() {
		return ExecutionContexts.workflow("Workflow.now()").recordedNow();
	}

	/**
	 * Return a random UUID, recorded on first execution and identical on replay.
	 * @return the recorded UUID
	 */
	public static UUID randomUUID() {
		return ExecutionContexts.workflow("Workflow.randomUUID()").sideEffect("randomUUID", UUID.class, UUID::randomUUID);
	}

	/**
	 * Run a supplier once and record its value; replay returns the recorded value.
	 * @param <T> the value type
	 * @param type the value type, used to read the recorded JSON back
	 * @param supplier the non-deterministic computation
	 * @return the recorded value
	 */
	public static <T> T sideEffect(Class<T> type, Supplier<T> supplier) {
		return ExecutionContexts.workflow("Workflow.sideEffect()").sideEffect("sideEffect", type, supplier);
	}

	/**
	 * Pick the code path for a change to running workflows' code. New executions record
	 * {@code maxSupported}; executions that passed this point before the change get
	 * {@link #DEFAULT_VERSION}.
	 * @param changeId a stable name for the change
	 * @param minSupported the oldest version the code still handles
	 * @param maxSupported the newest version
	 * @return the version this execution follows
	 */
	public static int getVersion(String changeId, int minSupported, int maxSupported) {
		return ExecutionContexts.workflow("Workflow.getVersion()").getVersion(changeId, minSupported, maxSupported);
	}

	/**
	 * Publish a value under a key, for readers outside the workflow
	 * ({@link WorkflowClient#getEvent}): a durable step that records the value as JSON, so that a
	 * replay does not publish it again. Readers see the latest value of each key.
	 * @param key the key, 1 to 255 characters
	 * @param value the value, not null, written as JSON
	 * @throws IllegalArgumentException if the key is blank or too long, the value is null, or it
	 * cannot be written as JSON (nothing is recorded then)
	 */
	public static void setEvent(String key, Object value) {
		ExecutionContexts.workflow("Workflow.setEvent()").setEvent(key, value);
	}

	/**
	 * Tell whether the current step is being replayed from the journal.
	 * @return {@code true} while replaying recorded steps
	 */
	public static boolean isReplaying() {
		return ExecutionContexts.workflow("Workflow.isReplaying()").isReplaying();
	}

}
