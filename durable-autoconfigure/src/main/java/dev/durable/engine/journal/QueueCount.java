package dev.durable.engine.journal;

import java.util.Objects;

/**
 * How many workflows of a queue wait for room and how many hold a place in it.
 * @param queue the queue's name
 * @param depth workflows of the queue that have not begun ({@code PENDING})
 * @param running workflows of the queue begun and not ended, waiting ones included
 */
public record QueueCount(String queue, long depth, long running) {

	/**
	 * Validate the count.
	 */
	public QueueCount {
		Objects.requireNonNull(queue, "queue");
	}

}
