package dev.durable.testapp;

import dev.durable.annotation.DurableWorkflow;

/**
 * Runs numbered steps one after the other; step N begins only once step N-1's record committed.
 */
@DurableWorkflow
public class CountedWorkflow {

	private final CountedSteps steps;

	public CountedWorkflow(CountedSteps steps) {
		this.steps = steps;
	}

	public int run(String id, int count) {
		for (int step = 1; step <= count; step++) {
			this.steps.step(id, step);
		}
		return count;
	}

}
