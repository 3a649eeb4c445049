package dev.durable.testing.app;

import java.time.Duration;
import java.util.List;

import dev.durable.DurableFuture;
import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows that do things at once, for the test support's tests of futures.
 */
@DurableWorkflow
public class FanOut {

	private final Steps steps;

	public FanOut(Steps steps) {
		this.steps = steps;
	}

	public List<String> parts(String id, long first, long second, long third) {
		List<DurableFuture<String>> parts = List.of(Workflow.async(() -> this.steps.part(id, 0, first)),
				Workflow.async(() -> this.steps.part(id, 1, second)),
				Workflow.async(() -> this.steps.part(id, 2, third)));
		DurableFuture.allOf(parts).get();
		return parts.stream().map(DurableFuture::get).toList();
	}

	public String approvalOrDeadline(String id) {
		DurableFuture<String> approval = Workflow.signal("approved", String.class);
		DurableFuture<Void> deadline = Workflow.timer(Duration.ofDays(1));
		DurableFuture.anyOf(List.of(approval, deadline)).get();
		return approval.isDone() ? "approved by " + approval.get() : "escalated";
	}

}
