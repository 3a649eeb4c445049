package dev.durable.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as one Markdown table: floor and Durable side by side, their ratio, and the target
 * with whether this run meets it.
 */
final class ResultTable {

	private final List<String> rows = new ArrayList<>();

	ResultTable() {
		this.rows.add("| Workload | Metric | Floor (raw JDBC) | Durable | Durable / floor | Target |");
		this.rows.add("|---|---|--:|--:|--:|---|");
	}

	/**
	 * Add a row comparing the two sides.
	 * @param lowerIsBetter whether the target is an upper bound on the ratio
	 * @param target the ratio target, or 0 for none
	 */
	void compare(String workload, String metric, double floor, double durable, int decimals, boolean lowerIsBetter,
			double target) {
		double ratio = durable / floor;
		String goal = "";
		if (target > 0) {
			boolean met = lowerIsBetter ? ratio <= target : ratio >= target;
			goal = (lowerIsBetter ? "≤ " : "≥ ") + format(target, 2) + "× — " + (met ? "met" : "**not met**");
		}
		row(workload, metric, format(floor, decimals), format(durable, decimals), format(ratio, 2) + "×", goal);
	}

	void row(String workload, String metric, String floor, String durable, String ratio, String target) {
		this.rows.add("| " + workload + " | " + metric + " | " + floor + " | " + durable + " | " + ratio + " | " + target
				+ " |");
	}

	static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	static double millis(long nanos) {
		return nanos / 1e6;
	}

	static double micros(long nanos) {
		return nanos / 1e3;
	}

	@Override
	public String toString() {
		return String.join("\n", this.rows);
	}

}
