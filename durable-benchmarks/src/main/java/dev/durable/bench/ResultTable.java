package dev.durable.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as one Markdown table: the floor, Durable's direct path and its start path side by
 * side, each Durable path's ratio to the floor, and the target with whether each path meets it.
 */
final class ResultTable {

	private final List<String> rows = new ArrayList<>();

	/**
	 * Start the table.
	 * @param floorName the floor's column heading, naming which floor it is
	 */
	ResultTable(String floorName) {
		this.rows.add("| Workload | Metric | " + floorName
				+ " | Durable direct | direct / floor | Durable start | start / floor | Target |");
		this.rows.add("|---|---|--:|--:|--:|--:|--:|---|");
	}

	/**
	 * Add a row comparing both Durable paths with the floor, with no target.
	 */
	void compare(String workload, String metric, double floor, double direct, double start, int decimals) {
		compare(workload, metric, floor, direct, start, decimals, null);
	}

	/**
	 * Add a row comparing both Durable paths with the floor.
	 * @param goal the target both paths are held to, or null for none
	 */
	void compare(String workload, String metric, double floor, double direct, double start, int decimals,
			Goal goal) {
		String target = "";
		if (goal != null) {
			target = goal.text() + " — direct " + met(goal.met(floor, direct)) + ", start " + met(goal.met(floor, start));
		}
		row(workload, metric, format(floor, decimals), format(direct, decimals), ratio(direct, floor),
				format(start, decimals), ratio(start, floor), target);
	}

	void row(String workload, String metric, String floor, String direct, String directRatio, String start,
			String startRatio, String target) {
		this.rows.add("| " + workload + " | " + metric + " | " + floor + " | " + direct + " | " + directRatio + " | "
				+ start + " | " + startRatio + " | " + target + " |");
	}

	/**
	 * A row of a workload measured on one Durable path only.
	 * @param startPath whether the value goes in the start path's column, else the direct path's
	 */
	void single(String workload, String metric, boolean startPath, String value, String target) {
		if (startPath) {
			row(workload, metric, "—", "—", "", value, "", target);
		}
		else {
			row(workload, metric, "—", value, "", "—", "", target);
		}
	}

	static String met(boolean met) {
		return met ? "met" : "**not met**";
	}

	private static String ratio(double value, double floor) {
		return format(value / floor, 2) + "×";
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

	/**
	 * A target: a bound on the ratio to the floor, or on the value itself.
	 * @param bound the bound
	 * @param upper whether the bound is an upper one (lower is better)
	 * @param ofRatio whether the bound applies to the ratio to the floor, else to the value
	 */
	record Goal(double bound, boolean upper, boolean ofRatio) {

		static Goal ratioAtMost(double bound) {
			return new Goal(bound, true, true);
		}

		static Goal ratioAtLeast(double bound) {
			return new Goal(bound, false, true);
		}

		static Goal atMost(double bound) {
			return new Goal(bound, true, false);
		}

		boolean met(double floor, double value) {
			double measured = this.ofRatio ? value / floor : value;
			return this.upper ? measured <= this.bound : measured >= this.bound;
		}

		String text() {
			return (this.upper ? "≤ " : "≥ ") + (this.ofRatio ? format(this.bound, 2) + "× floor" : format(this.bound, 0));
		}

	}

}
