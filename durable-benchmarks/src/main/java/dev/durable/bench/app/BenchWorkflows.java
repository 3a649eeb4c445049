package dev.durable.bench.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durable.DurableFuture;

import dev.durable.Workflow;
import dev.durable.annotation.DurableWorkflow;

/**
 * The benchmark's workflows.
 */
@DurableWorkflow
public class BenchWorkflows {

	private final BenchActivities activities;

	private final ReplayProbe probe;

	public BenchWorkflows(BenchActivities activities, ReplayProbe probe) {
		this.activities = activities;
		this.probe = probe;
	}

	/**
	 * W1 and W2: a workflow of {@code count} activities.
	 * @param key an argument making the input distinct
	 * @param count the number of activities
	 * @return a short string
	 */
	public String steps(String key, int count) {
		for (int step = 1; step <= count; step++) {
			this.activities.step(key, step);
		}
		return "done-" + key;
	}

	/**
	 * Fire and forget: W1's workflow of three activities under a type of its own, so that the
	 * harness can count its completed runs with one query.
	 * @param key an argument making the input distinct
	 * @return a short string
	 */
	public String fire(String key) {
		return steps(key, 3);
	}

	/**
	 * Fan-out, the baseline: {@code count} activities of {@code millis} each, one after the other.
	 * @param key an argument making the input distinct
	 * @param count the number of activities
	 * @param millis how long each activity sleeps
	 * @return a short string
	 */
	public String pausesInTurn(String key, int count, long millis) {
		for (int step = 1; step <= count; step++) {
			this.activities.pause(key, step, millis);
		}
		return "done-" + key;
	}

	/**
	 * Fan-out: the same {@code count} activities started at once with {@code Workflow.async} and
	 * joined with {@code DurableFuture.allOf}.
	 * @param key an argument making the input distinct
	 * @param count the number of activities
	 * @param millis how long each activity sleeps
	 * @return a short string
	 */
	public String pausesAtOnce(String key, int count, long millis) {
		List<DurableFuture<String>> futures = new ArrayList<>(count);
		for (int step = 1; step <= count; step++) {
			int number = step;
			futures.add(Workflow.async(() -> this.activities.pause(key, number, millis)));
		}
		DurableFuture.allOf(futures).get();
		return "done-" + key;
	}

	/**
	 * W3: {@code count} activities, a sleep long enough to suspend, then {@code after} more
	 * activities; the second run replays the first {@code count} from the journal.
	 * @param key an argument making the input distinct
	 * @param count the activities before the sleep
	 * @param sleepMillis the sleep
	 * @param after the activities after the sleep, the first of which notes the replay's timing
	 * @return a short string
	 */
	public String replay(String key, int count, long sleepMillis, int after) {
		if (Workflow.isReplaying()) {
			this.probe.entered(Workflow.id(), System.nanoTime());
		}
		for (int step = 1; step <= count; step++) {
			this.activities.step(key, step);
		}
		Workflow.sleep(Duration.ofMillis(sleepMillis));
		String awake = this.activities.afterWake(key);
		for (int step = 1; step < after; step++) {
			this.activities.step(key, count + step);
		}
		return awake;
	}

	/**
	 * W4: wait until a common moment without holding a thread, then run one activity.
	 * @param key an argument making the input distinct
	 * @param wakeAtEpochMilli when to wake
	 * @return when the workflow ran again, ISO-8601
	 */
	public String park(String key, long wakeAtEpochMilli) {
		Instant now = Workflow.now();
		Workflow.sleep(Duration.between(now, Instant.ofEpochMilli(wakeAtEpochMilli)));
		return this.activities.woke(key);
	}

}
