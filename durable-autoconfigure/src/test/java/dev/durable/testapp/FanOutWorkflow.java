package dev.durable.testapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.durable.DurableFuture;
import dev.durable.Workflow;
import dev.durable.WorkflowCancelledException;
import dev.durable.annotation.DurableWorkflow;

/**
 * Workflows that do things at once: fan-out and fan-in with {@code allOf}, races with
 * {@code anyOf}, child workflows as futures, and compensation when cancelled while waiting.
 */
@DurableWorkflow
public class FanOutWorkflow {

	private final ParallelSteps steps;

	private final MathWorkflow math;

	public FanOutWorkflow(ParallelSteps steps, MathWorkflow math) {
		this.steps = steps;
		this.math = math;
	}

	public List<ParallelSteps.Span> together(int count, long millis) {
		List<DurableFuture<ParallelSteps.Span>> spans = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			spans.add(Workflow.async(() -> this.steps.work(index, millis)));
		}
		DurableFuture.allOf(spans).get();
		return spans.stream().map(DurableFuture::get).toList();
	}

	public long sumOfSquares(int count, int failing) {
		List<DurableFuture<Long>> squares = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			int value = i;
			squares.add(Workflow.async(() -> this.steps.square(value, failing)));
		}
		DurableFuture.allOf(squares).get();
		long sum = 0;
		for (DurableFuture<Long> square : squares) {
			sum += square.get();
		}
		return sum;
	}

	public String race(long deadlineMillis) {
		DurableFuture<String> approval = Workflow.signal("approval", String.class);
		DurableFuture<Void> deadline = Workflow.timer(Duration.ofMillis(deadlineMillis));
		DurableFuture.anyOf(List.of(approval, deadline)).get();
		boolean approved = approval.isDone();
		// Wait for a go-ahead: the run that takes it replays the race when both are done.
		Workflow.awaitSignal("go", String.class);
		return approved ? "approved by " + approval.get() : "escalated";
	}

	public String compensateWhenCancelled(long millis) {
		DurableFuture<ParallelSteps.Span> work = Workflow.async(() -> this.steps.work(0, millis));
		DurableFuture<String> approval = Workflow.signal("approval", String.class);
		try {
			DurableFuture.allOf(List.of(work, approval)).get();
			return "done";
		}
		catch (WorkflowCancelledException ex) {
			this.steps.compensate(Workflow.id());
			throw ex;
		}
	}

	public String returnsEarly(long millis) {
		Workflow.async(() -> this.steps.work(0, millis));
		return "did not wait";
	}

	public int children(int value) {
		DurableFuture<Integer> doubled = Workflow.async(() -> this.math.doubled(value));
		DurableFuture<Integer> tripled = Workflow.async(() -> this.math.tripled(value));
		DurableFuture.allOf(List.of(doubled, tripled)).get();
		return doubled.get() + tripled.get();
	}

}
