package dev.durable.bench.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Notes the moments of W3's second run: when the workflow method was entered again and when its
 * first new step began. A plain bean: calling it from workflow code journals nothing.
 */
@Component
public class ReplayProbe {

	private final Map<String, Long> entered = new ConcurrentHashMap<>();

	private final Map<String, Timing> timings = new ConcurrentHashMap<>();

	void entered(String workflowId, long nanos) {
		this.entered.put(workflowId, nanos);
	}

	void firstNewStep(String workflowId, long nanos, Instant at, Instant claimedAt) {
		Long enteredNanos = this.entered.remove(workflowId);
		long inMethod = (enteredNanos != null) ? nanos - enteredNanos : -1;
		this.timings.put(workflowId, new Timing(Duration.between(claimedAt, at).toNanos(), inMethod));
	}

	/**
	 * Return and forget the timing of a workflow's replay.
	 * @param workflowId the workflow
	 * @return the timing, or null if none was noted
	 */
	public Timing take(String workflowId) {
		return this.timings.remove(workflowId);
	}

	/**
	 * The replay of one workflow.
	 * @param claimToStepNanos from the claim of the woken workflow to its first new step
	 * @param inMethodNanos from entering the workflow method again to its first new step, or -1
	 */
	public record Timing(long claimToStepNanos, long inMethodNanos) {
	}

}
