package dev.durable.bench.startup.flow;

import dev.durable.annotation.Activity;

/**
 * The trivial workflow's activity bean.
 */
@Activity
public class GreetingActivities {

	/**
	 * Build a greeting.
	 * @param name who to greet
	 * @return the greeting
	 */
	public String greeting(String name) {
		return "Hello, " + name;
	}

}
