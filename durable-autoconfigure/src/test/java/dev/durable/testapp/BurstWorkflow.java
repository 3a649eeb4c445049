package dev.durable.testapp;

import dev.durable.annotation.DurableWorkflow;

/**
 * Many quick steps in a row, for bursts of concurrent journal writes.
 */
@DurableWorkflow
public class BurstWorkflow {

	private final StepLog log;

	public BurstWorkflow(StepLog log) {
		this.log = log;
	}

	public int run(String key, int steps) {
		for (int step = 1; step <= steps; step++) {
			this.log.record(key, step);
		}
		return steps;
	}

}
