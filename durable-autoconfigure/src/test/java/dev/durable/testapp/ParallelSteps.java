package dev.durable.testapp;

import java.time.Instant;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

/**
 * Activities that workflows start at once with {@code Workflow.async}: each reports when it began
 * and ended, so that a test reads the overlap from the journal, not from a stopwatch.
 */
@Activity
public class ParallelSteps {

	private final Calls calls;

	public ParallelSteps(Calls calls) {
		this.calls = calls;
	}

	public Span work(int index, long millis) {
		Instant began = Instant.now();
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return new Span(index, began, Instant.now(), ActivityContext.idempotencyKey());
	}

	public long square(int value, int failing) {
		if (value == failing) {
			throw new IllegalStateException("square " + value + " is not to be computed");
		}
		return (long) value * value;
	}

	public void compensate(String workflowId) {
		this.calls.record("parallel-compensations", workflowId);
	}

	/**
	 * When one activity ran, and under which key.
	 * @param index which of the workflow's activities
	 * @param began when it began
	 * @param ended when it ended
	 * @param key its idempotency key
	 */
	public record Span(int index, Instant began, Instant ended, String key) {
	}

}
