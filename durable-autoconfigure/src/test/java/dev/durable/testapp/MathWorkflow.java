package dev.durable.testapp;

import java.time.Duration;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Small workflows used as children.
 */
@DurableWorkflow
public class MathWorkflow {

	public int doubled(int value) {
		Workflow.sleep(Duration.ofMillis(100));
		return value * 2;
	}

	public int tripled(int value) {
		return value * 3;
	}

	public int explode(String orderId) {
		throw new ArithmeticException("cannot divide order " + orderId + " by zero");
	}

}
