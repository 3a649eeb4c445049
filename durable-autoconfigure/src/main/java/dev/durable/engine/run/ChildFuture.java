package dev.durable.engine.run;

import java.util.List;

import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.Waits;
import org.jspecify.annotations.Nullable;

/**
 * The future of a child workflow started with {@code Workflow.async}: the child is started at once
 * and runs as a workflow of its own, on any node; its end wakes the parent if the parent waits.
 *
 * @param <R> the child's result type
 */
final class ChildFuture<R> extends StepFuture<R> {

	private final int step;

	private final ChildWorkflows children;

	private final WorkflowDefinition child;

	private final String childId;

	private boolean done;

	private ChildFuture(FutureSteps futures, int step, ChildWorkflows children, WorkflowDefinition child,
			String childId, boolean done) {
		super(futures);
		this.step = step;
		this.children = children;
		this.child = child;
		this.childId = childId;
		this.done = done;
	}

	static ChildFuture<?> start(FutureSteps futures, int step, ChildWorkflows children, WorkflowDefinition child,
			@Nullable Object[] arguments) {
		WorkflowExecution parent = futures.execution();
		List<JournalEvent> recorded = parent.recorded(step, child.type(), EventKind.CHILD_STARTED);
		JournalEvent last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
		boolean ended = last != null
				&& (last.kind() == EventKind.CHILD_COMPLETED || last.kind() == EventKind.CHILD_FAILED);
		String childId = ended ? JournalValues.readText(recorded.get(0).output())
				: children.begin(parent, child, arguments, step, recorded);
		return new ChildFuture<>(futures, step, children, child, childId, ended);
	}

	@Override
	boolean poll() {
		if (!this.done) {
			WorkflowExecution parent = futures().execution();
			parent.ensureLive();
			this.done = this.children.ended(parent, this.child, this.step, this.childId);
		}
		return this.done;
	}

	@Override
	@SuppressWarnings("unchecked")
	R outcome() {
		WorkflowExecution parent = futures().execution();
		return (R) this.children.outcome(parent, this.child, parent.journal().at(this.step));
	}

	@Override
	void pending(PendingWait pending) {
		if (!this.done) {
			pending.external(Waits.child(this.childId));
		}
	}

	@Override
	Progress progress() {
		return this.done ? Progress.DONE : Progress.ELSEWHERE;
	}

}
