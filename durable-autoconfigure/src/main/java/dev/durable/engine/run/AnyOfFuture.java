package dev.durable.engine.run;

import java.util.List;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import org.jspecify.annotations.Nullable;

/**
 * {@code DurableFuture.anyOf}: takes a step when created, and records there which member won
 * (its index) when it is first found done, the first done member in the given order. A replay
 * reads the winner from the journal, so it takes the same one even when by then others are done.
 *
 * @param <R> the result type
 */
final class AnyOfFuture<R> extends StepFuture<R> {

	static final String NAME = "anyOf";

	private final int step;

	private final List<StepFuture<?>> members;

	private @Nullable StepFuture<?> winner;

	AnyOfFuture(FutureSteps futures, int step, List<StepFuture<?>> members) {
		super(futures);
		this.step = step;
		this.members = List.copyOf(members);
		WorkflowExecution execution = futures.execution();
		List<JournalEvent> recorded = execution.recorded(step, NAME, EventKind.SIDE_EFFECT);
		if (!recorded.isEmpty()) {
			int index = Integer.parseInt(String.valueOf(recorded.get(0).output()).trim());
			if (index < 0 || index >= this.members.size()) {
				throw execution.nonDeterminism().poison("Workflow '" + execution.workflowId() + "' (type '"
						+ execution.workflow().type() + "') is not deterministic: at step " + step
						+ " the journal recorded future " + index + " as the winner of DurableFuture.anyOf(), but "
						+ "the code now races " + this.members.size() + " futures. Restore the old code path for "
						+ "running workflows (Workflow.getVersion) and retry the workflow");
			}
			this.winner = this.members.get(index);
		}
	}

	@Override
	boolean poll() {
		if (this.winner != null) {
			return this.winner.poll();
		}
		for (int i = 0; i < this.members.size(); i++) {
			StepFuture<?> member = this.members.get(i);
			if (member.poll()) {
				futures().execution()
					.writer().append(this.step, EventKind.SIDE_EFFECT, NAME, 0, null, Integer.toString(i), null, null);
				this.winner = member;
				return true;
			}
		}
		return false;
	}

	@Override
	@SuppressWarnings("unchecked")
	R outcome() {
		return (R) this.winner.outcome();
	}

	@Override
	void pending(PendingWait pending) {
		if (this.winner != null) {
			this.winner.pending(pending);
			return;
		}
		for (StepFuture<?> member : this.members) {
			member.pending(pending);
		}
	}

	@Override
	Progress progress() {
		if (this.winner != null) {
			return this.winner.progress();
		}
		Progress any = Progress.ELSEWHERE;
		for (StepFuture<?> member : this.members) {
			Progress progress = member.progress();
			if (progress == Progress.DONE) {
				return progress;
			}
			if (progress == Progress.RUNNING_HERE) {
				any = progress;
			}
		}
		return any;
	}

	@Override
	@Nullable Throwable abandoned() {
		StepFuture<?> won = this.winner;
		if (won != null) {
			return won.abandoned();
		}
		for (StepFuture<?> member : this.members) {
			Throwable abandoned = member.abandoned();
			if (abandoned != null) {
				return abandoned;
			}
		}
		return null;
	}

}
