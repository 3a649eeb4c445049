package dev.durable.testapp;

import java.time.Duration;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * The multi-node chaos test's workflow: a transactional activity, a short durable sleep (which
 * suspends, so the workflow is claimed again, possibly by another node), another transactional
 * activity.
 */
@DurableWorkflow
public class ChaosWorkflow {

	private final ChaosSteps steps;

	public ChaosWorkflow(ChaosSteps steps) {
		this.steps = steps;
	}

	public String run(String id, long sleepMillis) {
		String first = this.steps.first(id);
		Workflow.sleep(Duration.ofMillis(sleepMillis));
		return first + ">" + this.steps.second(id);
	}

}
