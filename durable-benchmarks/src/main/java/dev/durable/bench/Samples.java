package dev.durable.bench;

import java.util.Arrays;

/**
 * Measured durations in nanoseconds, summarised by nearest-rank percentiles.
 */
final class Samples {

	private long[] values = new long[64];

	private int size;

	synchronized void add(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	synchronized int size() {
		return this.size;
	}

	/**
	 * Return the nearest-rank percentile.
	 * @param percent 0 to 100
	 * @return the value in nanoseconds
	 */
	long percentile(double percent) {
		long[] sorted = sorted();
		if (sorted.length == 0) {
			throw new IllegalStateException("No samples");
		}
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
	}

	long median() {
		return percentile(50);
	}

	long p99() {
		return percentile(99);
	}

	long max() {
		return percentile(100);
	}

	private synchronized long[] sorted() {
		long[] copy = Arrays.copyOf(this.values, this.size);
		Arrays.sort(copy);
		return copy;
	}

}
