package dev.durable.testapp;

import dev.durable.annotation.DurableWorkflow;

/**
 * A parent that hands its work to a child workflow (id {@code <parent>/1}): a decision, which
 * waits for a signal (operators find the child by its id with a {@code /}), or a count.
 */
@DurableWorkflow
public class EscalationWorkflow {

	private final ApprovalWorkflow approvals;

	private final CountedWorkflow counted;

	public EscalationWorkflow(ApprovalWorkflow approvals, CountedWorkflow counted) {
		this.approvals = approvals;
		this.counted = counted;
	}

	public String escalate(String orderId) {
		return "escalated: " + this.approvals.approve(orderId);
	}

	/** Hands counting to a child ({@code <parent>/1}) whose last durable call is an activity. */
	public String countThrough(String parentId, int steps) {
		return "counted " + this.counted.run(parentId + "/1", steps);
	}

}
