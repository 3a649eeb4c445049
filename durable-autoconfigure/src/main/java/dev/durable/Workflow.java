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
	 * Start one durable call (an {@code @Activity} method or a workflow entry point, that is a
	 * child workflow) concurrently with the workflow code and return its future at once. The
	 * lambda must make exactly one such call and nothing else durable; otherwise this throws
	 * {@link IllegalArgumentException} naming the workflow. An activity started this way keeps its
	 * own retry policy, timeout and idempotency key, and runs on the node's bounded pool
	 * ({@code durable.worker.async-activity-concurrency}); its outcome is recorded when it ends,
	 * whether or not {@link DurableFuture#get()} was called yet.
	 * @param <R> the type of the result
	 * @param durableCall the lambda making the call, e.g. {@code () -> payments.charge(order)}
	 * @return the future of the call
	 */
	public static <R> DurableFuture<R> async(Supplier<R> durableCall) {
		return ExecutionContexts.workflow("Workflow.async()").futures().async(durableCall);
	}

	/**
	 * Start one durable call that returns nothing; see {@link #async(Supplier)}.
	 * @param durableCall the lambda making the call, e.g. {@code () -> mail.send(order)}
	 * @return the future of the call
	 */
	public static DurableFuture<Void> async(Runnable durableCall) {
		return ExecutionContexts.workflow("Workflow.async()").futures().async(() -> {
			durableCall.run();
			return null;
		});
	}

	/**
	 * Start a durable timer and return its future: done once the duration has passed.
	 * {@code timer(d).get()} is {@link #sleep(Duration) sleep(d)}.
	 * @param duration how long until the timer fires
	 * @return the timer's future
	 */
	public static DurableFuture<Void> timer(Duration duration) {
		return ExecutionContexts.workflow("Workflow.timer()").futures().timer(duration);
	}

	/**
	 * Return the future of the next signal of a name: the same queue that
	 * {@link #awaitSignal(String, Class)} reads. The signal is taken (consumed) when the future is
	 * found done, so a signal future that loses an {@link DurableFuture#anyOf anyOf} leaves the
	 * signal for the next wait.
	 * @param <T> the payload type
	 * @param name the signal name
	 * @param type the payload type
	 * @return the signal's future
	 */
	public static <T> DurableFuture<T> signal(String name, Class<T> type) {
		return ExecutionContexts.workflow("Workflow.signal()").futures().signal(name, type);
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
