package dev.durable.testapp;

import dev.durable.annotation.Activity;

/**
 * Prints {@code BEGIN <workflow id> <step>} to standard output when a step begins: the proof, for
 * a crash test, that the workflow's previous step was recorded.
 */
@Activity
public class CountedSteps {

	public int step(String workflowId, int step) {
		System.out.println("BEGIN " + workflowId + " " + step);
		return step;
	}

}
