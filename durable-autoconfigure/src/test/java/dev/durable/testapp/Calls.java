package dev.durable.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Counts how often each activity body really ran, per key.
 */
@Component
public class Calls {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Map<String, java.util.List<String>> sequences = new ConcurrentHashMap<>();

	public void record(String sequence, String entry) {
		this.sequences.computeIfAbsent(sequence, (k) -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(entry);
	}

	public java.util.List<String> sequence(String sequence) {
		return java.util.List.copyOf(this.sequences.getOrDefault(sequence, java.util.List.of()));
	}

	public int increment(String key) {
		return this.counts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	public int count(String key) {
		AtomicInteger count = this.counts.get(key);
		return (count != null) ? count.get() : 0;
	}

	public void reset() {
		this.counts.clear();
	}

}
