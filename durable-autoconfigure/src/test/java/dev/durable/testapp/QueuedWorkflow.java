package dev.durable.testapp;

import java.time.Duration;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows run through queues by their starters ({@code StartOptions.queue}): each records its
 * begin and end ({@link QueueRuns}) around a durable sleep or a signal wait (both keep its place
 * in the queue) or an activity that holds the node's thread.
 */
@DurableWorkflow
public class QueuedWorkflow {

	private final QueueRuns runs;

	public QueuedWorkflow(QueueRuns runs) {
		this.runs = runs;
	}

	/**
	 * Begin, sleep durably for {@code millis}, end.
	 */
	public String work(String id, long millis) {
		this.runs.begin(id);
		if (millis > 0) {
			Workflow.sleep(Duration.ofMillis(millis));
		}
		this.runs.end(id);
		return id;
	}

	/**
	 * Begin, hold this node's thread for {@code millis} in an activity, end.
	 */
	public String busy(String id, long millis) {
		this.runs.begin(id);
		this.runs.hold(millis);
		this.runs.end(id);
		return id;
	}

	/**
	 * Begin, wait for signal {@code go}, end.
	 */
	public String untilSignalled(String id) {
		this.runs.begin(id);
		Workflow.awaitSignal("go", String.class);
		this.runs.end(id);
		return id;
	}

}
