package dev.durable.bench.startup.flow;

import dev.durable.annotation.DurableWorkflow;

/**
 * A trivial workflow of one activity, never started: only its registration is measured.
 */
@DurableWorkflow
public class GreetingWorkflow {

	private final GreetingActivities activities;

	public GreetingWorkflow(GreetingActivities activities) {
		this.activities = activities;
	}

	/**
	 * Greet someone in one step.
	 * @param name who to greet
	 * @return the greeting
	 */
	public String greet(String name) {
		return this.activities.greeting(name);
	}

}
