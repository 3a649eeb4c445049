package dev.durable.testing.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durable.annotation.Activity;

/**
 * Activities that count how often each ran, per workflow.
 */
@Activity
public class Steps {

	private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private volatile int failuresLeft;

	public String first(String id) {
		return ran("first", id);
	}

	public String second(String id) {
		return ran("second", id);
	}

	@Activity(retry = "slow")
	public String flaky(String id) {
		ran("flaky", id);
		if (this.failuresLeft > 0) {
			this.failuresLeft--;
			throw new IllegalStateException("not yet");
		}
		return "flaky done";
	}

	/**
	 * One part of a fan-out: counted when it begins and again, as {@code <part>-ended}, when it
	 * returns (a crash may stop its record, not the work).
	 */
	public String part(String id, int index, long millis) {
		ran("part" + index, id);
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		ran("part" + index + "-ended", id);
		return "part " + index;
	}

	public void failNext(int times) {
		this.failuresLeft = times;
	}

	public int runs(String activity, String id) {
		AtomicInteger count = this.runs.get(activity + ":" + id);
		return (count != null) ? count.get() : 0;
	}

	private String ran(String activity, String id) {
		this.runs.computeIfAbsent(activity + ":" + id, (key) -> new AtomicInteger()).incrementAndGet();
		return activity + " done";
	}

}
