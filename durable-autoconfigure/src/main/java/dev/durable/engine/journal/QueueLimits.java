package dev.durable.engine.journal;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The limits of one queue ({@code durable.queues.<name>}), enforced where its workflows are
 * claimed so that they hold across every node sharing the database.
 * @param name the queue's name
 * @param concurrency the most workflows of the queue begun and not ended, across all nodes
 * @param nodeConcurrency the same, among those one node runs now
 * @param rateLimit the most workflows of the queue that begin per {@code ratePeriod}
 * @param ratePeriod the sliding period of {@code rateLimit}, or null for no rate limit
 */
public record QueueLimits(String name, int concurrency, int nodeConcurrency, int rateLimit,
		@Nullable Duration ratePeriod) {

	/** A limit that is not set. */
	public static final int UNLIMITED = Integer.MAX_VALUE;

	/**
	 * Validate the limits; the auto-configuration checks the properties first, with messages
	 * naming them.
	 */
	public QueueLimits {
		Objects.requireNonNull(name, "name");
		if (concurrency < 1 || nodeConcurrency < 1 || rateLimit < 1) {
			throw new IllegalArgumentException("Queue '" + name + "' has a limit below 1");
		}
		if ((ratePeriod == null) != (rateLimit == UNLIMITED)) {
			throw new IllegalArgumentException("Queue '" + name + "' needs both a rate limit and its period, or neither");
		}
		if (ratePeriod != null && (ratePeriod.isNegative() || ratePeriod.isZero())) {
			throw new IllegalArgumentException("Queue '" + name + "' has a rate period that is not positive");
		}
	}

	/**
	 * Return how many of the queue's workflows may begin now.
	 * @param running the workflows of the queue begun and not ended
	 * @param runningOnNode those among them the claiming node runs now
	 * @param begunInPeriod those that began within the last {@code ratePeriod}
	 * @return the room, 0 or more
	 */
	public int room(long running, long runningOnNode, long begunInPeriod) {
		long room = Math.min(this.concurrency - running, this.nodeConcurrency - runningOnNode);
		room = Math.min(room, this.rateLimit - begunInPeriod);
		return (int) Math.max(0, room);
	}

}
