package dev.durable.engine.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Workflows started and ended in each minute of a window, oldest minute first.
 * @param from the start of the first minute
 * @param started how many workflows were created in each minute
 * @param ended how many workflows ended (completed, failed or were cancelled) in each minute
 */
public record Throughput(Instant from, List<Long> started, List<Long> ended) {

	/** The length of one bucket. */
	public static final Duration MINUTE = Duration.ofMinutes(1);

	/**
	 * Validate the series.
	 */
	public Throughput {
		started = List.copyOf(started);
		ended = List.copyOf(ended);
		if (started.size() != ended.size()) {
			throw new IllegalArgumentException(
					"started and ended need one count per minute, were " + started.size() + " and " + ended.size());
		}
	}

}
