package dev.durable.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What to measure and where, read from {@code bench.*} system properties or {@code --bench.*=value}
 * arguments (arguments win). {@code bench.quick=true} shrinks every size for a smoke run.
 * @param database where both sides write: {@code postgresql} (the server at {@code serverUrl}),
 * {@code mariadb} (a MariaDB or MySQL server at {@code serverUrl}) or {@code h2-file} (an H2 file
 * database in a fresh temporary directory, the embedded default)
 * @param floor which floor the Durable columns are compared with: {@code minimal} (peers-bench's:
 * five auto-committed statements on two lean tables), {@code honest} (the engine's rows, each
 * durable write as cheap as the database allows) or {@code transactional} (each write a transaction
 * of its own, the floor of earlier figures); see {@link FloorTarget}
 * @param serverUrl JDBC URL of the PostgreSQL database (the harness adds {@code currentSchema}) or
 * of the MariaDB server (the harness adds a database of its own)
 * @param user database user
 * @param password database password
 * @param quick whether sizes default to the quick ones
 * @param poolSize HikariCP maximum pool size, the same for the floor and for Durable
 * @param workerConcurrency {@code durable.worker.concurrency}
 * @param workloads which workloads to run ({@code w1}, {@code w2}, {@code w3}, {@code w4}, {@code io},
 * {@code fanout}, {@code fire}, {@code startup})
 * @param w1Warmup W1: sequential workflows run before measuring
 * @param w1Workflows W1: sequential workflows measured
 * @param w1Threads W1 concurrent: client threads
 * @param w1WarmupWindow W1 concurrent: warm-up before the measured window
 * @param w1Window W1 concurrent: measured window
 * @param w2Steps W2: activities in the one workflow
 * @param w2Repetitions W2: measured workflows (one warm-up before)
 * @param w3Steps W3: activities recorded before the sleep
 * @param w3Repetitions W3: measured replays, one at a time
 * @param w3Warmups W3: replays run together before them, not measured
 * @param w3Sleep W3: the durable sleep between recording and replay
 * @param w4Workflows W4: workflows waiting at once
 * @param w4ParkMillis W4: time budget per workflow to reach its sleep; sets the common wake-up time
 * @param ioWorkflows IO: W1 workflows in the measured window
 * @param fanoutActivities fan-out: activities in each workflow
 * @param fanoutSleep fan-out: how long each activity of the timed pair sleeps
 * @param fanoutRepetitions fan-out: measured rounds (one warm-up round before)
 * @param fanoutEntry how fan-out enters its workflows: {@code direct} (the entry point on the bean)
 * or {@code start} ({@code WorkflowClient.start} and {@code await})
 * @param fireStarts fire and forget: measured starts, spread over the W1 client threads
 * @param fireWarmup fire and forget: starts of an unmeasured round before
 * @param asyncActivityConcurrency {@code durable.worker.async-activity-concurrency}
 * @param startupStarts start-up: measured starts per variant, each in a fresh JVM
 * @param keepSchema whether to keep the benchmark schema, or the H2 directory, for inspection
 */
record BenchSettings(String database, String floor, String serverUrl, String user, String password, boolean quick,
		int poolSize, int workerConcurrency, Set<String> workloads, int w1Warmup, int w1Workflows, int w1Threads,
		Duration w1WarmupWindow, Duration w1Window, int w2Steps, int w2Repetitions, int w3Steps, int w3Repetitions,
		int w3Warmups, Duration w3Sleep, int w4Workflows, double w4ParkMillis, int ioWorkflows, int fanoutActivities,
		Duration fanoutSleep, int fanoutRepetitions, String fanoutEntry, int fireStarts, int fireWarmup,
		int asyncActivityConcurrency, int startupStarts,
		boolean keepSchema) {

	static final String H2_FILE = "h2-file";

	static final String MARIADB = "mariadb";

	static BenchSettings from(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		System.getProperties().stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("bench."))
			.forEach((name) -> values.put(name, System.getProperty(name)));
		for (String arg : args) {
			String option = arg.startsWith("--") ? arg.substring(2) : arg;
			int equals = option.indexOf('=');
			if (!option.startsWith("bench.") || equals < 0) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "': pass settings as --bench.name=value "
						+ "or -Dbench.name=value (see docs/performance.md)");
			}
			values.put(option.substring(0, equals), option.substring(equals + 1));
		}
		Reader read = new Reader(values);
		boolean quick = read.bool("bench.quick", false);
		String database = read.choice("bench.database", "postgresql", "postgresql", H2_FILE, MARIADB);
		boolean mariadb = MARIADB.equals(database);
		boolean h2 = H2_FILE.equals(database) || mariadb;
		if (values.containsKey("bench.entry")) {
			// W1, W2 and IO now measure both entries side by side; a leftover switch would mislead.
			throw new IllegalArgumentException("bench.entry is gone: W1, W2 and IO now run Durable both ways "
					+ "(direct and WorkflowClient.start) in one run; fan-out has --bench.fanout.entry=direct|start");
		}
		BenchSettings settings = new BenchSettings(database,
				read.choice("bench.floor", "minimal", "minimal", "honest", "transactional"),
				read.text("bench.url", mariadb ? "jdbc:mariadb://127.0.0.1:3306/" : "jdbc:postgresql://127.0.0.1:5432/postgres"),
				read.text("bench.user", mariadb ? "root" : "postgres"), read.text("bench.password", ""), quick,
				read.integer("bench.pool-size", 20), read.integer("bench.worker-concurrency", 16),
				Set.of(read.text("bench.workloads", h2 ? "w1,w2" : "w1,w2,w3,w4,io,fire").toLowerCase(Locale.ROOT).split(",")),
				read.integer("bench.w1.warmup", quick ? 20 : 200), read.integer("bench.w1.workflows", quick ? 50 : 1000),
				read.integer("bench.w1.threads", 16), read.duration("bench.w1.warmup-window", quick ? "1s" : "3s"),
				read.duration("bench.w1.window", quick ? "3s" : "15s"), read.integer("bench.w2.steps", 1000),
				read.integer("bench.w2.repetitions", quick ? 1 : 10), read.integer("bench.w3.steps", 1000),
				read.integer("bench.w3.repetitions", quick ? 2 : 7), read.integer("bench.w3.warmups", quick ? 2 : 20),
				read.duration("bench.w3.sleep", "2s"),
				read.integer("bench.w4.workflows", quick ? 500 : 10_000),
				Double.parseDouble(read.text("bench.w4.park-millis", "6")),
				read.integer("bench.io.workflows", quick ? 30 : 200), read.integer("bench.fanout.activities", 100),
				read.duration("bench.fanout.sleep", "10ms"), read.integer("bench.fanout.repetitions", quick ? 3 : 7),
				read.choice("bench.fanout.entry", "direct", "direct", "start"),
				read.integer("bench.fire.starts", quick ? 400 : 4000), read.integer("bench.fire.warmup", quick ? 100 : 1000),
				read.integer("bench.async-activity-concurrency", 32), read.integer("bench.startup.starts", quick ? 2 : 10),
				read.bool("bench.keep-schema", false));
		read.rejectUnknown();
		if ((settings.h2File() || settings.mariadb())
				&& !Set.of("w1", "w2", "fanout", "fire", "startup").containsAll(settings.workloads())) {
			// W3 and W4 are not verified on H2 and MariaDB yet; IO reads PostgreSQL's own counters. The
			// start-up workload uses an H2 file of its own, whatever the database.
			throw new IllegalArgumentException("bench.database=" + database + " runs W1, W2, fan-out and fire only; set "
					+ "--bench.workloads=w1,w2 "
					+ "(was " + String.join(",", new java.util.TreeSet<>(settings.workloads())) + ")");
		}
		return settings;
	}

	/**
	 * Whether both sides write to an H2 file database instead of PostgreSQL.
	 * @return whether {@code bench.database=h2-file}
	 */
	boolean h2File() {
		return H2_FILE.equals(this.database);
	}

	/**
	 * Whether both sides write to a MariaDB (or MySQL) server instead of PostgreSQL.
	 * @return whether {@code bench.database=mariadb}
	 */
	boolean mariadb() {
		return MARIADB.equals(this.database);
	}

	/**
	 * Return the floor the Durable columns are compared with.
	 * @return the kind of {@code bench.floor}
	 */
	FloorTarget.Kind floorKind() {
		return FloorTarget.Kind.valueOf(this.floor.toUpperCase(Locale.ROOT));
	}

	/**
	 * Whether fan-out starts its workflows through {@code WorkflowClient.start} and {@code await}.
	 * @return whether {@code bench.fanout.entry=start}
	 */
	boolean fanoutThroughStart() {
		return "start".equals(this.fanoutEntry);
	}

	boolean runs(String workload) {
		return this.workloads.contains(workload);
	}

	/**
	 * Whether a workload needing the benchmark database is to run; the start-up workload does not.
	 * @return whether any workload but {@code startup} is selected
	 */
	boolean needsDatabase() {
		return this.workloads.stream().anyMatch((workload) -> !"startup".equals(workload));
	}

	/** Reads typed values and remembers which keys it knows. */
	private static final class Reader {

		private final Map<String, String> values;

		private final Set<String> known = new java.util.HashSet<>();

		Reader(Map<String, String> values) {
			this.values = values;
		}

		String text(String key, String fallback) {
			this.known.add(key);
			return this.values.getOrDefault(key, fallback);
		}

		int integer(String key, int fallback) {
			return Integer.parseInt(text(key, Integer.toString(fallback)).replace("_", ""));
		}

		String choice(String key, String fallback, String... allowed) {
			String value = text(key, fallback).trim().toLowerCase(Locale.ROOT);
			if (!java.util.List.of(allowed).contains(value)) {
				throw new IllegalArgumentException(key + "=" + value + " is not one of " + String.join(", ", allowed));
			}
			return value;
		}

		boolean bool(String key, boolean fallback) {
			return Boolean.parseBoolean(text(key, Boolean.toString(fallback)));
		}

		Duration duration(String key, String fallback) {
			String value = text(key, fallback).trim().toLowerCase(Locale.ROOT);
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
			}
			throw new IllegalArgumentException(key + "=" + value + " is not a duration; write e.g. 500ms or 2s");
		}

		void rejectUnknown() {
			for (String key : this.values.keySet()) {
				if (!this.known.contains(key)) {
					throw new IllegalArgumentException("Unknown setting '" + key + "'; known: " + new java.util.TreeSet<>(this.known));
				}
			}
		}

	}

}
