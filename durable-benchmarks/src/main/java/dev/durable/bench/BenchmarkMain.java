package dev.durable.bench;

import java.lang.management.ManagementFactory;

import dev.durable.bench.Target.ReplayResult;
import dev.durable.bench.Workloads.Concurrent;
import dev.durable.bench.Workloads.Io;
import dev.durable.bench.Workloads.Sequential;

/**
 * Runs the benchmark: the raw-JDBC floor first, then Durable in a Spring Boot context, on the
 * same PostgreSQL schema (emptied in between), and prints the results as a Markdown table.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.from(args);
		try (BenchDatabase database = BenchDatabase.create(settings)) {
			System.out.println(environment(settings, database));
			Workloads workloads = new Workloads(settings);
			Side floor;
			try (FloorTarget target = new FloorTarget(database.pool())) {
				floor = measure("floor", target, workloads, database, settings);
			}
			database.reset();
			Side durable;
			ParkedWorkload.Result parked = null;
			try (DurableTarget target = new DurableTarget(database, settings)) {
				durable = measure("durable", target, workloads, database, settings);
				if (settings.runs("w4")) {
					progress("durable", "W4: " + settings.w4Workflows() + " workflows waiting at once");
					parked = new ParkedWorkload(database, settings).run(target);
				}
			}
			System.out.println();
			System.out.println(table(settings, floor, durable, parked));
			System.out.println();
			System.out.println(notes(settings, floor, durable));
		}
	}

	private static Side measure(String side, Target target, Workloads workloads, BenchDatabase database,
			BenchSettings settings) throws Exception {
		Sequential sequential = null;
		Concurrent concurrent = null;
		Samples perStep = null;
		ReplayResult replay = null;
		Io ioWorkflow = null;
		Io ioStep = null;
		if (settings.runs("w1")) {
			progress(side, "W1 sequential: " + settings.w1Warmup() + " warm-up + " + settings.w1Workflows() + " workflows");
			sequential = workloads.sequential(target);
			progress(side, "W1 concurrent: " + settings.w1Threads() + " threads for " + settings.w1Window().toSeconds()
					+ " s after " + settings.w1WarmupWindow().toSeconds() + " s warm-up");
			concurrent = workloads.concurrent(target);
		}
		if (settings.runs("w2")) {
			progress(side, "W2: 1 warm-up + " + settings.w2Repetitions() + " workflows of " + settings.w2Steps()
					+ " activities");
			perStep = workloads.perStep(target);
		}
		if (settings.runs("w3")) {
			progress(side, "W3: 1 warm-up + " + settings.w3Repetitions() + " replays of " + settings.w3Steps()
					+ " recorded activities");
			replay = target.replay(settings.w3Steps(), settings.w3Repetitions());
		}
		if (settings.runs("io")) {
			progress(side, "IO: " + settings.ioWorkflows() + " W1 workflows, then one W2 workflow");
			ioWorkflow = workloads.io(database, target, settings.ioWorkflows(), 3, true);
			ioStep = workloads.io(database, target, 1, settings.w2Steps(), false);
		}
		return new Side(sequential, concurrent, perStep, replay, ioWorkflow, ioStep);
	}

	private static String table(BenchSettings settings, Side floor, Side durable, ParkedWorkload.Result parked) {
		ResultTable table = new ResultTable();
		if (floor.sequential() != null) {
			String w1 = "W1 sequential (3 activities)";
			table.compare(w1, "median ms / workflow", ResultTable.millis(floor.sequential().latency().median()),
					ResultTable.millis(durable.sequential().latency().median()), 2, true, 1.3);
			table.compare(w1, "p99 ms / workflow", ResultTable.millis(floor.sequential().latency().p99()),
					ResultTable.millis(durable.sequential().latency().p99()), 2, true, 0);
			table.compare(w1, "workflows / s", floor.sequential().perSecond(), durable.sequential().perSecond(), 0, false,
					0);
			String w1c = "W1 concurrent (" + settings.w1Threads() + " threads)";
			table.compare(w1c, "workflows / s", floor.concurrent().perSecond(), durable.concurrent().perSecond(), 0,
					false, 1.5);
			table.compare(w1c, "p99 ms / workflow", ResultTable.millis(floor.concurrent().latency().p99()),
					ResultTable.millis(durable.concurrent().latency().p99()), 2, true, 0);
		}
		if (floor.perStep() != null) {
			String w2 = "W2 (" + settings.w2Steps() + " activities)";
			table.compare(w2, "µs / step, median of " + settings.w2Repetitions(),
					ResultTable.micros(floor.perStep().median()), ResultTable.micros(durable.perStep().median()), 0, true,
					1.15);
			table.compare(w2, "µs / step, worst of " + settings.w2Repetitions(),
					ResultTable.micros(floor.perStep().max()), ResultTable.micros(durable.perStep().max()), 0, true, 0);
		}
		if (floor.replay() != null) {
			String w3 = "W3 replay (" + durable.replay().events() + " events)";
			table.compare(w3, "median ms (floor: JDBC load of row + journal; Durable: claim → first new step)",
					ResultTable.millis(floor.replay().headline().median()),
					ResultTable.millis(durable.replay().headline().median()), 2, true, 0);
			table.compare(w3, "p99 ms (same)", ResultTable.millis(floor.replay().headline().p99()),
					ResultTable.millis(durable.replay().headline().p99()), 2, true, 0);
			table.row(w3, "median ms, replay inside the workflow method", "—",
					ResultTable.format(ResultTable.millis(durable.replay().inMethod().median()), 2), "",
					"claim → first new step < 5 ms — "
							+ (ResultTable.millis(durable.replay().headline().p99()) < 5 ? "met (p99)" : "**not met** (p99)"));
		}
		if (floor.ioWorkflow() != null) {
			ioRows(table, "IO per W1 workflow", floor.ioWorkflow(), durable.ioWorkflow());
			ioRows(table, "IO per W2 step", floor.ioStep(), durable.ioStep());
		}
		if (parked != null) {
			String w4 = "W4 (" + ResultTable.format(parked.workflows(), 0) + " waiting)";
			double mb = 1024.0 * 1024.0;
			table.row(w4, "heap used while all wait (after GC)", "—",
					ResultTable.format(parked.parked().heapBytes() / mb, 1) + " MB (before: "
							+ ResultTable.format(parked.before().heapBytes() / mb, 1) + " MB)",
					"", "");
			table.row(w4, "live JVM threads while all wait", "—",
					parked.parked().threads() + " (before: " + parked.before().threads() + ")", "",
					"no thread per waiting workflow — "
							+ ((parked.parked().threads() - parked.before().threads() < parked.workflows() / 10) ? "met"
									: "**not met**"));
			table.row(w4, "rows while all wait", "—",
					ResultTable.format(parked.workflowRows(), 0) + " workflow + "
							+ ResultTable.format(parked.eventRows(), 0) + " event",
					"", "");
			table.row(w4, "wake-up lag p50 / p99 / max, ms", "—",
					ResultTable.format(ResultTable.millis(parked.lag().median()), 0) + " / "
							+ ResultTable.format(ResultTable.millis(parked.lag().p99()), 0) + " / "
							+ ResultTable.format(ResultTable.millis(parked.lag().max()), 0),
					"", "");
			table.row(w4, "drain: woken and run per s", "—", ResultTable.format(parked.drainPerSecond(), 0), "", "");
			table.row(w4, "park: started and suspended per s", "—", ResultTable.format(parked.parkedPerSecond(), 0), "",
					"");
		}
		return table.toString();
	}

	private static void ioRows(ResultTable table, String workload, Io floor, Io durable) {
		table.compare(workload, "transactions (xact_commit)", floor.commits(), durable.commits(), 2, true, 0);
		table.compare(workload, "rows written (ins+upd+del)", floor.rowsWritten(), durable.rowsWritten(), 2, true, 0);
		table.compare(workload, "WAL bytes", floor.walBytes(), durable.walBytes(), 0, true, 0);
	}

	private static String notes(BenchSettings settings, Side floor, Side durable) {
		StringBuilder notes = new StringBuilder();
		for (Side side : new Side[] { floor, durable }) {
			for (Io io : new Io[] { side.ioWorkflow(), side.ioStep() }) {
				if (io != null && io.otherSessions() > 0) {
					notes.append("Warning: other applications' sessions were busy on this database during an IO window; "
						+ "its counters include their work.\n");
				}
			}
		}
		notes.append("Sizes: quick=").append(settings.quick()).append(", pool=").append(settings.poolSize())
			.append(", durable.worker.concurrency=").append(settings.workerConcurrency())
			.append(", W1 ").append(settings.w1Warmup()).append("+").append(settings.w1Workflows())
			.append(", W1c ").append(settings.w1Window().toSeconds()).append(" s, W2 ").append(settings.w2Steps())
			.append("×").append(settings.w2Repetitions()).append(", W3 ").append(settings.w3Steps()).append("×")
			.append(settings.w3Repetitions()).append(", IO ").append(settings.ioWorkflows());
		return notes.toString();
	}

	private static String environment(BenchSettings settings, BenchDatabase database) throws Exception {
		return "Durable benchmark on " + database.serverVersion() + ", schema " + database.schema() + "\n"
				+ "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
				+ ManagementFactory.getOperatingSystemMXBean().getName();
	}

	private static void progress(String side, String message) {
		System.out.println("[" + side + "] " + message);
	}

	/**
	 * Everything measured on one side; a part not run is null.
	 */
	private record Side(Sequential sequential, Concurrent concurrent, Samples perStep, ReplayResult replay,
			Io ioWorkflow, Io ioStep) {
	}

}
