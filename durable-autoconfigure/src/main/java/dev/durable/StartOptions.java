package dev.durable;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How to start a workflow with {@link WorkflowClient#start(StartOptions, java.util.function.Supplier)}:
 * its id, and optionally a delay, a queue, a priority within that queue and a timeout.
 *
 * <p>Immutable: each method returns a new instance.
 * <pre>{@code
 * StartOptions options = StartOptions.id("order-42")
 *         .delay(Duration.ofMinutes(5))
 *         .timeout(Duration.ofHours(2));
 * client.start(options, () -> orders.process(order));
 * }</pre>
 */
public final class StartOptions {

	private final String id;

	private final Duration delay;

	private final @Nullable String queue;

	private final int priority;

	private final @Nullable Duration timeout;

	private StartOptions(String id, Duration delay, @Nullable String queue, int priority, @Nullable Duration timeout) {
		this.id = id;
		this.delay = delay;
		this.queue = queue;
		this.priority = priority;
		this.timeout = timeout;
	}

	/**
	 * Start options for the workflow with the given id, with no delay, queue or timeout and
	 * priority 0.
	 * @param workflowId the workflow id, unique across all workflows
	 * @return the options
	 */
	public static StartOptions id(String workflowId) {
		Objects.requireNonNull(workflowId, "workflowId");
		return new StartOptions(workflowId, Duration.ZERO, null, 0, null);
	}

	/**
	 * Begin the workflow no earlier than now plus {@code delay}. The delay survives restarts: it
	 * is stored with the workflow as the time it becomes due.
	 * @param delay how long to wait before the workflow begins, zero or positive
	 * @return new options with that delay
	 */
	public StartOptions delay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("A start delay must not be negative; got " + delay);
		}
		return new StartOptions(this.id, delay, this.queue, this.priority, this.timeout);
	}

	/**
	 * Run the workflow under the limits of a queue configured under {@code durable.queues.<name>}.
	 * @param queue the queue name
	 * @return new options with that queue
	 */
	public StartOptions queue(String queue) {
		Objects.requireNonNull(queue, "queue");
		if (queue.isBlank()) {
			throw new IllegalArgumentException("A queue name must not be blank");
		}
		return new StartOptions(this.id, this.delay, queue, this.priority, this.timeout);
	}

	/**
	 * Order the workflow within its queue: higher first. The default is 0.
	 * @param priority the priority
	 * @return new options with that priority
	 */
	public StartOptions priority(int priority) {
		return new StartOptions(this.id, this.delay, this.queue, priority, this.timeout);
	}

	/**
	 * Cancel the workflow if it has not ended within {@code timeout} of the time it begins (now
	 * plus any {@link #delay(Duration) delay}). Past it the workflow sees
	 * {@link WorkflowCancelledException} at its next durable call, or at once if it is waiting,
	 * and ends {@link WorkflowStatus#CANCELLED} with an error saying that its timeout passed.
	 * @param timeout the longest the workflow may run, positive
	 * @return new options with that timeout
	 */
	public StartOptions timeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("A workflow timeout must be positive; got " + timeout);
		}
		return new StartOptions(this.id, this.delay, this.queue, this.priority, timeout);
	}

	/**
	 * Return the workflow id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the delay before the workflow begins.
	 * @return the delay, {@link Duration#ZERO} if none
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Return the queue the workflow runs under.
	 * @return the queue name, or null for the workflow type's default
	 */
	public @Nullable String queue() {
		return this.queue;
	}

	/**
	 * Return the priority within the queue.
	 * @return the priority, 0 by default
	 */
	public int priority() {
		return this.priority;
	}

	/**
	 * Return the timeout.
	 * @return the timeout, or null for none
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof StartOptions that)) {
			return false;
		}
		return this.id.equals(that.id) && this.delay.equals(that.delay) && Objects.equals(this.queue, that.queue)
				&& this.priority == that.priority && Objects.equals(this.timeout, that.timeout);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.delay, this.queue, this.priority, this.timeout);
	}

	@Override
	public String toString() {
		return "StartOptions[id=" + this.id + ", delay=" + this.delay + ", queue=" + this.queue + ", priority="
				+ this.priority + ", timeout=" + this.timeout + "]";
	}

}
