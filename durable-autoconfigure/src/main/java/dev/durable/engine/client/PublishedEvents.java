package dev.durable.engine.client;

import java.time.Duration;
import java.util.Optional;

import dev.durable.WorkflowNotFoundException;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.run.JsonCodec;
import dev.durable.engine.run.KeyedWaiters;

import org.springframework.util.ClassUtils;

/**
 * Reads the values workflows publish ({@code WorkflowClient.getEvent}) and wakes the readers that
 * wait for one. A value published on this node wakes its readers from the commit of its step (this
 * is a {@link WorkflowEventListener}); a value published on another node is seen by the waiting
 * reader's next look, one indexed read every poll interval, never a tight loop.
 * Readers wait as {@link KeyedWaiters} do, keyed by workflow id and key.
 */
public class PublishedEvents implements WorkflowEventListener {

	private final WorkflowQueries store;

	private final JsonCodec codec;

	private final Duration pollInterval;

	private final KeyedWaiters waiters = new KeyedWaiters();

	/**
	 * Create the reader.
	 * @param store where published values are read
	 * @param codec reads values as the requested type
	 * @param pollInterval how often a waiting reader looks for a value published on another node
	 */
	public PublishedEvents(WorkflowQueries store, JsonCodec codec, Duration pollInterval) {
		this.store = store;
		this.codec = codec;
		this.pollInterval = (pollInterval.isNegative() || pollInterval.isZero()) ? Duration.ofMillis(1) : pollInterval;
	}

	/**
	 * Read a published value, waiting for it up to the timeout; see
	 * {@code WorkflowClient.getEvent}.
	 * @param <T> the value type
	 * @param workflowId the workflow id
	 * @param key the key
	 * @param type the value type
	 * @param timeout the longest wait
	 * @return the value, or empty if the key was not set in time
	 * @throws WorkflowNotFoundException if no workflow has that id
	 */
	public <T> Optional<T> get(String workflowId, String key, Class<T> type, Duration timeout) {
		long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
		boolean known = false;
		try (KeyedWaiters.Waiter waiter = this.waiters.register(id(workflowId, key))) {
			while (true) {
				Optional<String> json = this.store.published(workflowId, key);
				if (json.isPresent()) {
					return Optional.of(read(workflowId, key, type, json.get()));
				}
				if (!known) {
					if (this.store.status(workflowId).isEmpty()) {
						throw WorkflowOutcomes.notFound(workflowId);
					}
					known = true;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return Optional.empty();
				}
				waiter.await(Duration.ofNanos(Math.min(left, this.pollInterval.toNanos())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	@Override
	public void eventPublished(String workflowId, String key) {
		this.waiters.wake(id(workflowId, key));
	}

	/**
	 * Count the waiting readers of a key, for tests that check none is left behind.
	 * @param workflowId the workflow id
	 * @param key the key
	 * @return how many
	 */
	int waiting(String workflowId, String key) {
		return this.waiters.count(id(workflowId, key));
	}

	private <T> T read(String workflowId, String key, Class<T> type, String json) {
		Object value = this.codec.readResult("event '" + key + "' of workflow '" + workflowId + "'", type, json);
		@SuppressWarnings("unchecked")
		T typed = (T) ClassUtils.resolvePrimitiveIfNecessary(type).cast(value);
		return typed;
	}

	private static String id(String workflowId, String key) {
		// Workflow ids may hold any character but NUL, which the databases' text refuses.
		return workflowId + '\u0000' + key;
	}

}
