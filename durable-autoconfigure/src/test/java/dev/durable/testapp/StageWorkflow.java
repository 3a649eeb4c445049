package dev.durable.testapp;

import java.time.Duration;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows that publish values ({@code Workflow.setEvent}) for readers outside them.
 */
@DurableWorkflow
public class StageWorkflow {

	/**
	 * Publish {@code stage} three times, each after a signal, so that a reader can see each value.
	 */
	public String threeStages(String orderId) {
		Workflow.setEvent("stage", "RECEIVED");
		Workflow.awaitSignal("next", String.class);
		Workflow.setEvent("stage", "PAID");
		Workflow.awaitSignal("next", String.class);
		Workflow.setEvent("stage", "SHIPPED");
		return "done";
	}

	/**
	 * Publish the payload of signal {@code go} as {@code stage}, then end.
	 */
	public String relay(String orderId) {
		String value = Workflow.awaitSignal("go", String.class);
		Workflow.setEvent("stage", value);
		return value;
	}

	/**
	 * Publish {@code stage}, sleep durably (a replay follows), publish again.
	 */
	public String publishThenSleep(String orderId, long millis) {
		Workflow.setEvent("stage", new Stage("PAID", 1));
		Workflow.sleep(Duration.ofMillis(millis));
		Workflow.setEvent("stage", new Stage("SHIPPED", 2));
		return "shipped";
	}

	/**
	 * Publish a value that cannot be written as JSON.
	 */
	public String unwritable(String orderId) {
		Workflow.setEvent("receipt", new Unwritable());
		return "unreachable";
	}

	/**
	 * A published value with fields.
	 * @param name the stage's name
	 * @param number its place
	 */
	public record Stage(String name, int number) {
	}

}
