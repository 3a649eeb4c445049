package dev.durable.testapp;

import dev.durable.ActivityFailedException;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows whose runs meet trouble outside their own code.
 */
@DurableWorkflow
public class PoisonWorkflow {

	private final PoisonSteps steps;

	private final MathWorkflow math;

	public PoisonWorkflow(PoisonSteps steps, MathWorkflow math) {
		this.steps = steps;
		this.math = math;
	}

	public String unstorableError(String id, int length) {
		try {
			return this.steps.unstorableError(id, length);
		}
		catch (ActivityFailedException ex) {
			return ex.getAttempts() + "|" + ex.getMessage();
		}
	}

	public int child(String id) {
		this.steps.count(id);
		return this.math.tripled(7);
	}

	public String poison(String id) {
		return this.steps.poison(id);
	}

	public String halting(String marker, String runs) {
		return this.steps.haltWhile(marker, runs);
	}

}
