package dev.durable.testing.app;

import java.time.Duration;
import java.time.Instant;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows with long waits and two steps, for the test support's tests.
 */
@DurableWorkflow
public class Renewals {

	/** Flipped by a test to stand for a changed version of {@link #twoSteps}. */
	public static volatile boolean changedCode;

	private final Steps steps;

	public Renewals(Steps steps) {
		this.steps = steps;
	}

	public String renewAfter30Days(String id) {
		Instant started = Workflow.now();
		Workflow.sleep(Duration.ofDays(30));
		return this.steps.first(id) + " " + Duration.between(started, Workflow.now()).toDays() + " days later";
	}

	public String twoSteps(String id) {
		if (changedCode) {
			return this.steps.second(id) + ", " + this.steps.first(id);
		}
		return this.steps.first(id) + ", " + this.steps.second(id);
	}

	public String approval(String id) {
		String approver = Workflow.awaitSignal("approved", String.class);
		return this.steps.first(id) + " approved by " + approver;
	}

	public String retried(String id) {
		return this.steps.flaky(id);
	}

	public String greet(String name) {
		return "hello " + name;
	}

}
