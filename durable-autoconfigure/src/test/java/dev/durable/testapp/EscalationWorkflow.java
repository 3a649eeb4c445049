package dev.durable.testapp;

import dev.durable.annotation.DurableWorkflow;

/**
 * A parent that hands its decision to a child workflow (id {@code <parent>/1}), which waits for
 * a signal: operators find the child by its id with a {@code /}.
 */
@DurableWorkflow
public class EscalationWorkflow {

	private final ApprovalWorkflow approvals;

	public EscalationWorkflow(ApprovalWorkflow approvals) {
		this.approvals = approvals;
	}

	public String escalate(String orderId) {
		return "escalated: " + this.approvals.approve(orderId);
	}

}
