package dev.durable.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalTime;
import java.util.List;

import dev.durable.bench.Target.ReplayResult;
import dev.durable.bench.Workloads.Concurrent;
import dev.durable.bench.Workloads.Io;
import dev.durable.bench.Workloads.Pair;
import dev.durable.bench.Workloads.Sequential;

/**
 * Runs the benchmark: the raw-JDBC floor and Durable in a Spring Boot context, side by side on
 * the same PostgreSQL schema or H2 file, and prints the results as a Markdown table.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.from(args);
		if (settings.runs("startup")) {
			startup(settings);
		}
		if (!settings.needsDatabase()) {
			return;
		}
		try (BenchDatabase database = BenchDatabase.create(settings)) {
			System.out.println(environment(settings, database));
			Workloads workloads = new Workloads(settings);
			Side floor = new Side();
			Side durable = new Side();
			ParkedWorkload.Result parked = null;
			FanOutWorkload.Result fanOut = null;
			try (FloorTarget floorTarget = new FloorTarget(database.pool(),
					database.h2File() || settings.mariadb());
					DurableTarget durableTarget = new DurableTarget(database, settings)) {
				List<Target> both = List.of(floorTarget, durableTarget);
				if (settings.runs("w1")) {
					progress("W1 sequential: " + settings.w1Warmup() + " warm-up + " + settings.w1Workflows()
							+ " workflows per side, sides taking turns");
					Pair<Sequential> sequential = workloads.sequential(both);
					floor.sequential = sequential.floor();
					durable.sequential = sequential.durable();
					progress("W1 concurrent: " + settings.w1Threads() + " threads, "
							+ settings.w1Window().toMillis() / 1000.0 + " s per side after "
							+ settings.w1WarmupWindow().toMillis() / 1000.0 + " s warm-up, sides taking turns");
					Pair<Concurrent> concurrent = workloads.concurrent(both);
					floor.concurrent = concurrent.floor();
					durable.concurrent = concurrent.durable();
				}
				if (settings.runs("w2")) {
					progress("W2: 1 warm-up + " + settings.w2Repetitions() + " workflows of " + settings.w2Steps()
							+ " activities per side, sides taking turns");
					Pair<Samples> perStep = workloads.perStep(both);
					floor.perStep = perStep.floor();
					durable.perStep = perStep.durable();
				}
				if (settings.runs("w3")) {
					progress("W3: " + settings.w3Warmups() + " warm-up + " + settings.w3Repetitions() + " replays of "
							+ settings.w3Steps() + " recorded activities per side");
					floor.replay = floorTarget.replay(settings.w3Steps(), settings.w3Repetitions(), settings.w3Warmups());
					durable.replay = durableTarget.replay(settings.w3Steps(), settings.w3Repetitions(),
							settings.w3Warmups());
				}
				if (settings.runs("io")) {
					progress("IO: " + settings.ioWorkflows() + " W1 workflows, then one W2 workflow, per side");
					for (Target target : both) {
						Side side = (target == floorTarget) ? floor : durable;
						side.ioWorkflow = workloads.io(database, both, target, settings.ioWorkflows(), 3, true);
						side.ioStep = workloads.io(database, both, target, 1, settings.w2Steps(), false);
					}
				}
				if (settings.runs("fanout")) {
					progress("Fan-out: 1 warm-up + " + settings.fanoutRepetitions() + " rounds of 4 workflows of "
							+ settings.fanoutActivities() + " activities (" + settings.fanoutSleep().toMillis()
							+ " ms and 0 ms, in turn and at once), async-activity-concurrency="
							+ settings.asyncActivityConcurrency() + " (Durable only)");
					fanOut = new FanOutWorkload(settings).run(durableTarget);
				}
				if (settings.runs("w4")) {
					progress("W4: " + settings.w4Workflows() + " workflows waiting at once (Durable only)");
					parked = new ParkedWorkload(database, settings).run(durableTarget);
				}
			}
			System.out.println();
			System.out.println(table(settings, floor, durable, parked, fanOut));
			System.out.println();
			System.out.println(notes(settings, floor, durable));
		}
	}

	/**
	 * The start-up workload, before any other: it needs no benchmark database, and its child JVMs
	 * should not share the machine with a running engine.
	 */
	private static void startup(BenchSettings settings) throws Exception {
		System.out.println("Durable start-up cost: Java " + System.getProperty("java.version") + ", "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, "
				+ ManagementFactory.getOperatingSystemMXBean().getName());
		progress("Start-up: " + settings.startupStarts() + " starts per variant (" + String.join(", ",
				StartupWorkload.VARIANTS) + "), each in a fresh JVM, variants taking turns, after one unmeasured each");
		String table = new StartupWorkload(settings.startupStarts()).run();
		System.out.println();
		System.out.println(table);
		System.out.println();
	}

	private static String table(BenchSettings settings, Side floor, Side durable, ParkedWorkload.Result parked,
			FanOutWorkload.Result fanOut) {
		ResultTable table = new ResultTable();
		if (floor.sequential != null) {
			w1Rows(table, settings, floor, durable);
		}
		if (floor.perStep != null) {
			w2Rows(table, settings, floor, durable);
		}
		if (floor.replay != null) {
			w3Rows(table, floor, durable);
		}
		if (floor.ioWorkflow != null) {
			ioRows(table, "IO per W1 workflow", floor.ioWorkflow, durable.ioWorkflow);
			ioRows(table, "IO per W2 step", floor.ioStep, durable.ioStep);
		}
		if (parked != null) {
			w4Rows(table, settings, parked);
		}
		if (fanOut != null) {
			fanOutRows(table, settings, fanOut);
		}
		return table.toString();
	}

	private static void w1Rows(ResultTable table, BenchSettings settings, Side floor, Side durable) {
		String w1 = "W1 sequential (3 activities)";
		table.compare(w1, "median ms / workflow", ResultTable.millis(floor.sequential.latency().median()),
				ResultTable.millis(durable.sequential.latency().median()), 2, true, 1.3);
		table.compare(w1, "p99 ms / workflow", ResultTable.millis(floor.sequential.latency().p99()),
				ResultTable.millis(durable.sequential.latency().p99()), 2, true, 0);
		table.compare(w1, "workflows / s", floor.sequential.perSecond(), durable.sequential.perSecond(), 0, false,
				0);
		String w1c = "W1 concurrent (" + settings.w1Threads() + " threads)";
		table.compare(w1c, "workflows / s", floor.concurrent.perSecond(), durable.concurrent.perSecond(), 0,
				false, 1.5);
		table.compare(w1c, "p99 ms / workflow", ResultTable.millis(floor.concurrent.latency().p99()),
				ResultTable.millis(durable.concurrent.latency().p99()), 2, true, 0);
	}

	private static void w2Rows(ResultTable table, BenchSettings settings, Side floor, Side durable) {
		String w2 = "W2 (" + settings.w2Steps() + " activities)";
		table.compare(w2, "µs / step, median of " + settings.w2Repetitions(),
				ResultTable.micros(floor.perStep.median()), ResultTable.micros(durable.perStep.median()), 0, true,
				1.15);
		table.compare(w2, "µs / step, worst of " + settings.w2Repetitions(),
				ResultTable.micros(floor.perStep.max()), ResultTable.micros(durable.perStep.max()), 0, true, 0);
	}

	private static void w3Rows(ResultTable table, Side floor, Side durable) {
		String w3 = "W3 replay (" + durable.replay.events() + " events)";
		table.compare(w3, "median ms (floor: JDBC load of row + journal; Durable: claim → first new step)",
				ResultTable.millis(floor.replay.headline().median()),
				ResultTable.millis(durable.replay.headline().median()), 2, true, 0);
		table.compare(w3, "p99 ms (same)", ResultTable.millis(floor.replay.headline().p99()),
				ResultTable.millis(durable.replay.headline().p99()), 2, true, 0);
		table.row(w3, "median ms, claim → workflow method entered (claim, load row + journal)", "—",
				ResultTable.format(ResultTable.millis(durable.replay.beforeMethod().median()), 2), "", "");
		table.row(w3, "median ms, replay inside the workflow method", "—",
				ResultTable.format(ResultTable.millis(durable.replay.inMethod().median()), 2), "",
				"< 5 ms (claim → first new step, median) — "
						+ (ResultTable.millis(durable.replay.headline().median()) < 5 ? "met" : "**not met**"));
	}

	/**
	 * W4's rows; waiting holds no thread if the JVM has no more threads than before the workflows
	 * were started plus the worker pool, which may have grown to its full size meanwhile.
	 */
	private static void w4Rows(ResultTable table, BenchSettings settings, ParkedWorkload.Result parked) {
		String w4 = "W4 (" + ResultTable.format(parked.workflows(), 0) + " waiting)";
		double mb = 1024.0 * 1024.0;
		table.row(w4, "heap used while all wait (after GC)", "—",
				ResultTable.format(parked.parked().heapBytes() / mb, 1) + " MB (before: "
						+ ResultTable.format(parked.before().heapBytes() / mb, 1) + " MB)",
				"", "");
		table.row(w4, "live JVM threads while all wait", "—",
				parked.parked().threads() + " (before starting them: " + parked.before().threads() + ")", "",
				"no thread per waiting workflow — "
						+ ((parked.parked().threads() <= parked.before().threads() + settings.workerConcurrency())
								? "met" : "**not met**"));
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

	/**
	 * Fan-out's rows: the wall time of the timed pair, with the least the pool allows (waves of
	 * {@code async-activity-concurrency} activities), and the per-step time of the untimed pair.
	 */
	private static void fanOutRows(ResultTable table, BenchSettings settings, FanOutWorkload.Result fanOut) {
		int n = settings.fanoutRepetitions();
		int pool = settings.asyncActivityConcurrency();
		String timed = "Fan-out (" + fanOut.activities() + " × " + fanOut.sleepMillis() + " ms, async pool " + pool
				+ ")";
		double inTurn = ResultTable.millis(fanOut.inTurn().median());
		double atOnce = ResultTable.millis(fanOut.atOnce().median());
		long waves = (fanOut.activities() + pool - 1) / pool;
		table.row(timed, "wall ms, one after the other, median of " + n, "—", ResultTable.format(inTurn, 1), "",
				"");
		table.row(timed, "wall ms, Workflow.async + allOf, median of " + n, "—", ResultTable.format(atOnce, 1), "",
				"least the pool allows: " + waves + " × " + fanOut.sleepMillis() + " ms = "
						+ waves * fanOut.sleepMillis() + " ms");
		table.row(timed, "speed-up (one after the other / at once)", "—", ResultTable.format(inTurn / atOnce, 1) + "×",
				"", "");
		String untimed = "Fan-out (" + fanOut.activities() + " × 0 ms)";
		double plain = ResultTable.micros(fanOut.plainSteps().median()) / fanOut.activities();
		double async = ResultTable.micros(fanOut.asyncSteps().median()) / fanOut.activities();
		table.row(untimed, "µs / step, plain (one after the other), median of " + n, "—", ResultTable.format(plain, 0),
				"", "");
		table.row(untimed, "µs / step, async (Workflow.async + allOf), median of " + n, "—",
				ResultTable.format(async, 0), "", "async / plain: " + ResultTable.format(async / plain, 2) + "×");
	}

	private static void ioRows(ResultTable table, String workload, Io floor, Io durable) {
		table.compare(workload, "transactions (xact_commit)", floor.commits(), durable.commits(), 2, true, 0);
		table.compare(workload, "rows written (ins+upd+del)", floor.rowsWritten(), durable.rowsWritten(), 2, true, 0);
		table.compare(workload, "WAL bytes", floor.walBytes(), durable.walBytes(), 0, true, 0);
		table.compare(workload, "wall time µs", floor.wallMicros(), durable.wallMicros(), 0, true, 0);
		table.compare(workload, "PostgreSQL active time µs (active_time)", floor.serverMicros(), durable.serverMicros(),
				0, true, 0);
		table.compare(workload, "JVM CPU µs (the calling thread runs it all)", floor.threadCpuMicros(),
				durable.threadCpuMicros(), 0, true, 0);
	}

	private static String notes(BenchSettings settings, Side floor, Side durable) {
		StringBuilder notes = new StringBuilder();
		for (Side side : new Side[] { floor, durable }) {
			for (Io io : new Io[] { side.ioWorkflow, side.ioStep }) {
				if (io != null && io.otherSessions() > 0) {
					notes.append("Warning: other applications' sessions were busy on this database during an IO window; "
						+ "its counters include their work.\n");
				}
			}
		}
		notes.append("Database: ").append(settings.database()).append(", entry: ").append(settings.entry())
			.append("\nSizes: quick=").append(settings.quick()).append(", pool=").append(settings.poolSize())
			.append(", durable.worker.concurrency=").append(settings.workerConcurrency())
			.append(", W1 ").append(settings.w1Warmup()).append("+").append(settings.w1Workflows())
			.append(", W1c ").append(settings.w1Window().toSeconds()).append(" s, W2 ").append(settings.w2Steps())
			.append("×").append(settings.w2Repetitions()).append(", W3 ").append(settings.w3Steps()).append("×")
			.append(settings.w3Repetitions()).append(", IO ").append(settings.ioWorkflows());
		if (settings.runs("fanout")) {
			notes.append(", fan-out ").append(settings.fanoutActivities()).append(" × ")
				.append(settings.fanoutSleep().toMillis()).append(" ms × ").append(settings.fanoutRepetitions())
				.append(", durable.worker.async-activity-concurrency=").append(settings.asyncActivityConcurrency());
		}
		return notes.toString();
	}

	private static String environment(BenchSettings settings, BenchDatabase database) throws Exception {
		return "Durable benchmark on " + database.serverVersion() + ", " + (database.h2File() ? "URL " : "schema ")
				+ database.schema() + ", Durable's W1 and W2 started "
				+ (settings.clientEntry() ? "with WorkflowClient.start + await" : "by calling the entry point") + "\n"
				+ "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
				+ ManagementFactory.getOperatingSystemMXBean().getName();
	}

	private static void progress(String message) {
		System.out.println("[" + LocalTime.now().withNano(0) + "] " + message);
	}

	/**
	 * Everything measured on one side; a part not run stays null.
	 */
	private static final class Side {

		Sequential sequential;

		Concurrent concurrent;

		Samples perStep;

		ReplayResult replay;

		Io ioWorkflow;

		Io ioStep;

	}

}
