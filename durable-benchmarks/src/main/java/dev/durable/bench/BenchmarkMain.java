package dev.durable.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalTime;
import java.util.List;

import dev.durable.bench.Target.ReplayResult;
import dev.durable.bench.Workloads.Concurrent;
import dev.durable.bench.Workloads.Io;
import dev.durable.bench.ResultTable.Goal;
import dev.durable.bench.Workloads.Sequential;

/**
 * Runs the benchmark: the raw-JDBC floor and Durable in a Spring Boot context, entered directly
 * and through {@code WorkflowClient.start}, side by side on the same PostgreSQL schema, MariaDB
 * database or H2 file, and prints the results as a Markdown table.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	/**
	 * Run the workloads that the settings select and print their results.
	 * @param args settings as {@code --bench.name=value} (see docs/performance.md)
	 * @throws Exception if a workload fails
	 */
	public static void main(String[] args) throws Exception {
		BenchSettings settings = BenchSettings.from(args);
		if (settings.runs("startup")) {
			startup(settings);
		}
		if (!settings.needsDatabase()) {
			return;
		}
		try (BenchDatabase database = BenchDatabase.create(settings)) {
			Workloads workloads = new Workloads(settings);
			// The three sides, in this order everywhere: floor, Durable direct, Durable start.
			List<Side> sides = List.of(new Side(), new Side(), new Side());
			ParkedWorkload.Result parked = null;
			FanOutWorkload.Result fanOut = null;
			FireWorkload.Result fire = null;
			String floorName;
			String floorDescription;
			try (FloorTarget floorTarget = new FloorTarget(database.pool(), settings.floorKind(),
					!database.h2File() && !settings.mariadb());
					DurableTarget durableTarget = new DurableTarget(database, settings)) {
				floorName = floorTarget.name();
				floorDescription = floorTarget.description();
				System.out.println(environment(settings, database, floorTarget));
				List<Target> targets = List.of(floorTarget, durableTarget, durableTarget.startPath());
				if (settings.runs("w1")) {
					progress("W1 sequential: " + settings.w1Warmup() + " warm-up + " + settings.w1Workflows()
							+ " workflows per side, sides taking turns");
					List<Sequential> sequential = workloads.sequential(targets);
					progress("W1 concurrent: " + settings.w1Threads() + " threads, "
							+ settings.w1Window().toMillis() / 1000.0 + " s per side after "
							+ settings.w1WarmupWindow().toMillis() / 1000.0 + " s warm-up, sides taking turns");
					List<Concurrent> concurrent = workloads.concurrent(targets);
					for (int i = 0; i < sides.size(); i++) {
						sides.get(i).sequential = sequential.get(i);
						sides.get(i).concurrent = concurrent.get(i);
					}
				}
				if (settings.runs("w2")) {
					progress("W2: 1 warm-up + " + settings.w2Repetitions() + " workflows of " + settings.w2Steps()
							+ " activities per side, sides taking turns");
					List<Samples> perStep = workloads.perStep(targets);
					for (int i = 0; i < sides.size(); i++) {
						sides.get(i).perStep = perStep.get(i);
					}
				}
				if (settings.runs("w3")) {
					progress("W3: " + settings.w3Warmups() + " warm-up + " + settings.w3Repetitions() + " replays of "
							+ settings.w3Steps() + " recorded activities, floor and Durable (started, a worker replays)");
					sides.get(0).replay = floorTarget.replay(settings.w3Steps(), settings.w3Repetitions(),
							settings.w3Warmups());
					sides.get(2).replay = durableTarget.replay(settings.w3Steps(), settings.w3Repetitions(),
							settings.w3Warmups());
				}
				if (settings.runs("io")) {
					progress("IO: " + settings.ioWorkflows() + " W1 workflows, then one W2 workflow, per side");
					for (int i = 0; i < sides.size(); i++) {
						Target target = targets.get(i);
						sides.get(i).ioWorkflow = workloads.io(database, targets, target, settings.ioWorkflows(), 3, true);
						sides.get(i).ioStep = workloads.io(database, targets, target, 1, settings.w2Steps(), false);
					}
				}
				if (settings.runs("fire")) {
					progress("Fire and forget: " + settings.w1Threads() + " threads calling WorkflowClient.start only, "
							+ settings.fireWarmup() + " warm-up + " + settings.fireStarts() + " starts (Durable only)");
					fire = new FireWorkload(database, settings).run(durableTarget);
				}
				if (settings.runs("fanout")) {
					progress("Fan-out: 1 warm-up + " + settings.fanoutRepetitions() + " rounds of 4 workflows of "
							+ settings.fanoutActivities() + " activities (" + settings.fanoutSleep().toMillis()
							+ " ms and 0 ms, in turn and at once), async-activity-concurrency="
							+ settings.asyncActivityConcurrency() + ", entry " + settings.fanoutEntry()
							+ " (Durable only)");
					fanOut = new FanOutWorkload(settings).run(durableTarget);
				}
				if (settings.runs("w4")) {
					progress("W4: " + settings.w4Workflows() + " workflows waiting at once (Durable only)");
					parked = new ParkedWorkload(database, settings).run(durableTarget);
				}
			}
			System.out.println();
			System.out.println(table(settings, floorName, sides, parked, fanOut, fire));
			System.out.println();
			System.out.println(notes(settings, floorName + ", " + floorDescription, sides));
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

	private static String table(BenchSettings settings, String floorName, List<Side> sides,
			ParkedWorkload.Result parked, FanOutWorkload.Result fanOut, FireWorkload.Result fire) {
		// The heading names the floor; the notes below the table say how it writes.
		ResultTable table = new ResultTable(floorName);
		Side floor = sides.get(0);
		Side direct = sides.get(1);
		Side start = sides.get(2);
		if (floor.sequential != null) {
			w1Rows(table, settings, floor, direct, start);
		}
		if (floor.perStep != null) {
			w2Rows(table, settings, floor, direct, start);
		}
		if (floor.replay != null) {
			w3Rows(table, floor, start);
		}
		if (floor.ioWorkflow != null) {
			ioRows(table, "IO per W1 workflow", floor.ioWorkflow, direct.ioWorkflow, start.ioWorkflow, true);
			ioRows(table, "IO per W2 step", floor.ioStep, direct.ioStep, start.ioStep, false);
		}
		if (fire != null) {
			fireRows(table, fire);
		}
		if (parked != null) {
			w4Rows(table, settings, parked);
		}
		if (fanOut != null) {
			fanOutRows(table, settings, fanOut);
		}
		return table.toString();
	}

	private static void w1Rows(ResultTable table, BenchSettings settings, Side floor, Side direct, Side start) {
		String w1 = "W1 sequential (3 activities)";
		table.compare(w1, "median ms / workflow", ResultTable.millis(floor.sequential.latency().median()),
				ResultTable.millis(direct.sequential.latency().median()),
				ResultTable.millis(start.sequential.latency().median()), 2, Goal.ratioAtMost(1.3));
		table.compare(w1, "p99 ms / workflow", ResultTable.millis(floor.sequential.latency().p99()),
				ResultTable.millis(direct.sequential.latency().p99()),
				ResultTable.millis(start.sequential.latency().p99()), 2);
		table.compare(w1, "workflows / s", floor.sequential.perSecond(), direct.sequential.perSecond(),
				start.sequential.perSecond(), 0);
		String w1c = "W1 concurrent (" + settings.w1Threads() + " threads)";
		table.compare(w1c, "workflows / s", floor.concurrent.perSecond(), direct.concurrent.perSecond(),
				start.concurrent.perSecond(), 0, Goal.ratioAtLeast(1.5));
		table.compare(w1c, "p99 ms / workflow", ResultTable.millis(floor.concurrent.latency().p99()),
				ResultTable.millis(direct.concurrent.latency().p99()),
				ResultTable.millis(start.concurrent.latency().p99()), 2);
	}

	private static void w2Rows(ResultTable table, BenchSettings settings, Side floor, Side direct, Side start) {
		String w2 = "W2 (" + settings.w2Steps() + " activities)";
		table.compare(w2, "µs / step, median of " + settings.w2Repetitions(), ResultTable.micros(floor.perStep.median()),
				ResultTable.micros(direct.perStep.median()), ResultTable.micros(start.perStep.median()), 0,
				Goal.ratioAtMost(1.15));
		table.compare(w2, "µs / step, worst of " + settings.w2Repetitions(), ResultTable.micros(floor.perStep.max()),
				ResultTable.micros(direct.perStep.max()), ResultTable.micros(start.perStep.max()), 0);
	}

	/**
	 * W3's rows. A replay is started through the client and run by a worker, so Durable's figures go
	 * in the start path's column.
	 */
	private static void w3Rows(ResultTable table, Side floor, Side durable) {
		String w3 = "W3 replay (" + durable.replay.events() + " events)";
		double floorMedian = ResultTable.millis(floor.replay.headline().median());
		double median = ResultTable.millis(durable.replay.headline().median());
		double floorP99 = ResultTable.millis(floor.replay.headline().p99());
		double p99 = ResultTable.millis(durable.replay.headline().p99());
		table.row(w3, "median ms (floor: JDBC load of row + journal; Durable: claim → first new step)",
				ResultTable.format(floorMedian, 2), "—", "", ResultTable.format(median, 2),
				ResultTable.format(median / floorMedian, 2) + "×", "");
		table.row(w3, "p99 ms (same)", ResultTable.format(floorP99, 2), "—", "", ResultTable.format(p99, 2),
				ResultTable.format(p99 / floorP99, 2) + "×", "");
		table.single(w3, "median ms, claim → workflow method entered (claim, load row + journal)", true,
				ResultTable.format(ResultTable.millis(durable.replay.beforeMethod().median()), 2), "");
		table.single(w3, "median ms, replay inside the workflow method", true,
				ResultTable.format(ResultTable.millis(durable.replay.inMethod().median()), 2),
				"< 5 ms (claim → first new step, median) — " + ResultTable.met(median < 5));
	}

	/**
	 * Fire and forget's rows, on the start path only: how fast starts are acknowledged, and how long
	 * until all those workflows have completed.
	 */
	private static void fireRows(ResultTable table, FireWorkload.Result fire) {
		String workload = "Fire and forget (" + ResultTable.format(fire.starts(), 0) + " starts, " + fire.threads()
				+ " threads)";
		table.single(workload, "acknowledged starts / s (first start → last acknowledged)", true,
				ResultTable.format(fire.acknowledgedPerSecond(), 0), "");
		table.single(workload, "ms per start call, median / p99", true,
				ResultTable.format(ResultTable.millis(fire.startCall().median()), 2) + " / "
						+ ResultTable.format(ResultTable.millis(fire.startCall().p99()), 2),
				"");
		table.single(workload, "ms from first start until all completed (polled every "
				+ FireWorkload.POLL.toMillis() + " ms)", true, ResultTable.format(fire.completedNanos() / 1e6, 0), "");
		table.single(workload, "completed workflows / s (first start → all completed)", true,
				ResultTable.format(fire.completedPerSecond(), 0), "");
	}

	/**
	 * W4's rows; waiting holds no thread if the JVM has no more threads than before the workflows
	 * were started plus the worker pool, which may have grown to its full size meanwhile.
	 */
	private static void w4Rows(ResultTable table, BenchSettings settings, ParkedWorkload.Result parked) {
		String w4 = "W4 (" + ResultTable.format(parked.workflows(), 0) + " waiting)";
		double mb = 1024.0 * 1024.0;
		table.single(w4, "heap used while all wait (after GC)", true,
				ResultTable.format(parked.parked().heapBytes() / mb, 1) + " MB (before: "
						+ ResultTable.format(parked.before().heapBytes() / mb, 1) + " MB)", "");
		table.single(w4, "live JVM threads while all wait", true,
				parked.parked().threads() + " (before starting them: " + parked.before().threads() + ")",
				"no thread per waiting workflow — "
						+ ((parked.parked().threads() <= parked.before().threads() + settings.workerConcurrency())
								? "met" : "**not met**"));
		table.single(w4, "rows while all wait", true,
				ResultTable.format(parked.workflowRows(), 0) + " workflow + "
						+ ResultTable.format(parked.eventRows(), 0) + " event", "");
		table.single(w4, "wake-up lag p50 / p99 / max, ms", true,
				ResultTable.format(ResultTable.millis(parked.lag().median()), 0) + " / "
						+ ResultTable.format(ResultTable.millis(parked.lag().p99()), 0) + " / "
						+ ResultTable.format(ResultTable.millis(parked.lag().max()), 0), "");
		table.single(w4, "drain: woken and run per s", true, ResultTable.format(parked.drainPerSecond(), 0), "");
		table.single(w4, "park: started and suspended per s", true, ResultTable.format(parked.parkedPerSecond(), 0),
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
		table.single(timed, "wall ms, one after the other, median of " + n, settings.fanoutThroughStart(), ResultTable.format(inTurn, 1),
				"");
		table.single(timed, "wall ms, Workflow.async + allOf, median of " + n, settings.fanoutThroughStart(), ResultTable.format(atOnce, 1),
				"least the pool allows: " + waves + " × " + fanOut.sleepMillis() + " ms = "
						+ waves * fanOut.sleepMillis() + " ms");
		table.single(timed, "speed-up (one after the other / at once)", settings.fanoutThroughStart(), ResultTable.format(inTurn / atOnce, 1) + "×", "");
		String untimed = "Fan-out (" + fanOut.activities() + " × 0 ms)";
		double plain = ResultTable.micros(fanOut.plainSteps().median()) / fanOut.activities();
		double async = ResultTable.micros(fanOut.asyncSteps().median()) / fanOut.activities();
		table.single(untimed, "µs / step, plain (one after the other), median of " + n, settings.fanoutThroughStart(), ResultTable.format(plain, 0), "");
		table.single(untimed, "µs / step, async (Workflow.async + allOf), median of " + n, settings.fanoutThroughStart(),
				ResultTable.format(async, 0), "async / plain: " + ResultTable.format(async / plain, 2) + "×");
	}

	private static void ioRows(ResultTable table, String workload, Io floor, Io direct, Io start, boolean perWorkflow) {
		table.compare(workload, "transactions (xact_commit)", floor.commits(), direct.commits(), start.commits(), 2,
				perWorkflow ? Goal.atMost(5) : null);
		table.compare(workload, "rows written (ins+upd+del)", floor.rowsWritten(), direct.rowsWritten(),
				start.rowsWritten(), 2);
		table.compare(workload, "WAL bytes", floor.walBytes(), direct.walBytes(), start.walBytes(), 0);
		table.compare(workload, "wall time µs", floor.wallMicros(), direct.wallMicros(), start.wallMicros(), 0);
		table.compare(workload, "PostgreSQL active time µs (active_time)", floor.serverMicros(), direct.serverMicros(),
				start.serverMicros(), 0);
		table.compare(workload, "JVM CPU µs, calling thread (start: it only starts and awaits)",
				floor.threadCpuMicros(), direct.threadCpuMicros(), start.threadCpuMicros(), 0);
		table.compare(workload, "JVM CPU µs, whole process (workers, pollers, JIT, GC included)", floor.processCpuMicros(),
				direct.processCpuMicros(), start.processCpuMicros(), 0);
	}

	private static String notes(BenchSettings settings, String floorName, List<Side> sides) {
		StringBuilder notes = new StringBuilder();
		for (Side side : sides) {
			for (Io io : new Io[] { side.ioWorkflow, side.ioStep }) {
				if (io != null && io.otherSessions() > 0) {
					notes.append("Warning: other applications' sessions were busy on this database during an IO window; "
						+ "its counters include their work.\n");
				}
			}
		}
		notes.append("Database: ").append(settings.database()).append(", floor: ").append(floorName)
			.append("\nSizes: quick=").append(settings.quick()).append(", pool=").append(settings.poolSize())
			.append(", durable.worker.concurrency=").append(settings.workerConcurrency())
			.append(", W1 ").append(settings.w1Warmup()).append("+").append(settings.w1Workflows())
			.append(", W1c ").append(settings.w1Window().toSeconds()).append(" s, W2 ").append(settings.w2Steps())
			.append("×").append(settings.w2Repetitions()).append(", W3 ").append(settings.w3Steps()).append("×")
			.append(settings.w3Repetitions()).append(", IO ").append(settings.ioWorkflows());
		if (settings.runs("fire")) {
			notes.append(", fire ").append(settings.fireWarmup()).append("+").append(settings.fireStarts());
		}
		if (settings.runs("fanout")) {
			notes.append(", fan-out ").append(settings.fanoutActivities()).append(" × ")
				.append(settings.fanoutSleep().toMillis()).append(" ms × ").append(settings.fanoutRepetitions())
				.append(" (entry ").append(settings.fanoutEntry()).append(")")
				.append(", durable.worker.async-activity-concurrency=").append(settings.asyncActivityConcurrency());
		}
		return notes.toString();
	}

	private static String environment(BenchSettings settings, BenchDatabase database, FloorTarget floor)
			throws Exception {
		return "Durable benchmark on " + database.serverVersion() + ", " + (database.h2File() ? "URL " : "schema ")
				+ database.schema() + "\n"
				+ "Sides: " + floor.name() + ", " + floor.description() + "; Durable direct (entry point called on the bean, runs on the caller's "
				+ "thread); Durable start (WorkflowClient.start, a worker runs it, the caller awaits)\n"
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
