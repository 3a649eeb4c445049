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
