package dev.durable.bench;

import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import dev.durable.WorkflowClient;
import dev.durable.bench.app.BenchWorkflows;

/**
 * W4: many workflows waiting on {@code Workflow.sleep} at once, all due at the same moment. They
 * are started through {@code WorkflowClient.start}, so the workers run them up to the sleep and
 * suspend them; while all wait, the harness notes heap, live threads and rows; then it waits
 * for all to complete and reads from the journal, per workflow, how late its first step after
 * the sleep ran (its recorded {@code Instant.now()}) against the timer's due time.
 */
final class ParkedWorkload {

	private static final String TYPE = "BenchWorkflows.park";

	private final BenchDatabase database;

	private final BenchSettings settings;

	ParkedWorkload(BenchDatabase database, BenchSettings settings) {
		this.database = database;
		this.settings = settings;
	}

	Result run(DurableTarget durable) throws Exception {
		int count = this.settings.w4Workflows();
		WorkflowClient client = durable.client();
		BenchWorkflows workflows = durable.workflows();
		Footprint before = Footprint.now();
		long budgetMillis = Math.max(15_000, Math.round(count * this.settings.w4ParkMillis()));
		long started = System.nanoTime();
		Instant wakeAt = Instant.now().plusMillis(budgetMillis);
		ExecutorService starters = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> batches = new ArrayList<>();
			for (int s = 0; s < 4; s++) {
				int first = s;
				batches.add(starters.submit(() -> {
					for (int i = first; i < count; i += 4) {
						String id = "park-" + i;
						client.start(id, () -> workflows.park(id, wakeAt.toEpochMilli()));
					}
				}));
			}
			for (Future<?> batch : batches) {
				batch.get();
			}
		}
		finally {
			starters.shutdown();
			starters.awaitTermination(1, TimeUnit.MINUTES);
		}
		long waiting;
		do {
			Workloads.sleep(Duration.ofMillis(200));
			waiting = countWaiting();
			if (Instant.now().isAfter(wakeAt.minusMillis(500))) {
				throw new IllegalStateException("Only " + waiting + " of " + count + " W4 workflows were waiting "
						+ budgetMillis + " ms after the first start; raise -Dbench.w4.park-millis (now "
						+ this.settings.w4ParkMillis() + ") so that all are parked before they are due");
			}
		}
		while (waiting < count);
		double parkedPerSecond = count / ((System.nanoTime() - started) / 1e9);
		Footprint parked = Footprint.now();
		long workflowRows = this.database.count("select count(*) from durable_workflow where type = '" + TYPE + "'");
		long eventRows = this.database.count("select count(*) from durable_event e join durable_workflow w "
				+ "on w.id = e.workflow_id where w.type = '" + TYPE + "'");
		while (countCompleted() < count) {
			Workloads.sleep(Duration.ofMillis(100));
		}
		Samples lag = new Samples();
		Instant lastWake = wakeAt;
		// Fresh statistics first: with those of before the run the planner joins 100,000 journals by
		// scanning, which took minutes.
		try (Statement analyze = this.database.admin().createStatement()) {
			analyze.execute("analyze durable_workflow, durable_event");
		}
		try (PreparedStatement query = this.database.admin()
			.prepareStatement("select t.output, a.output from durable_event t join durable_event a "
					+ "on a.workflow_id = t.workflow_id and a.kind = 'ACTIVITY_COMPLETED' "
					+ "join durable_workflow w on w.id = t.workflow_id "
					+ "where w.type = ? and t.kind = 'TIMER_STARTED'")) {
			query.setString(1, TYPE);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					// Both are JSON strings in the journal.
					Instant due = Instant.parse(rows.getString(1).replace("\"", ""));
					Instant woke = Instant.parse(rows.getString(2).replace("\"", ""));
					lag.add(Duration.between(due, woke).toNanos());
					lastWake = woke.isAfter(lastWake) ? woke : lastWake;
				}
			}
		}
		if (lag.size() != count) {
			throw new IllegalStateException("Found " + lag.size() + " woken W4 workflows, expected " + count);
		}
		double drainSeconds = Duration.between(wakeAt, lastWake).toNanos() / 1e9;
		return new Result(count, parkedPerSecond, before, parked, workflowRows, eventRows, lag, count / drainSeconds);
	}

	private long countWaiting() throws SQLException {
		return this.database.count("select count(*) from durable_workflow where type = '" + TYPE
				+ "' and status = 'WAITING'");
	}

	private long countCompleted() throws SQLException {
		return this.database.count("select count(*) from durable_workflow where type = '" + TYPE
				+ "' and status = 'COMPLETED'");
	}

	/**
	 * The JVM's heap after a full collection, and its live threads.
	 * @param heapBytes heap used
	 * @param threads live threads
	 */
	record Footprint(long heapBytes, int threads) {

		static Footprint now() {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Workloads.sleep(Duration.ofMillis(100));
			}
			return new Footprint(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
					ManagementFactory.getThreadMXBean().getThreadCount());
		}

	}

	/**
	 * What W4 measured.
	 * @param workflows waiting at once
	 * @param parkedPerSecond how fast they were started and brought to their sleep
	 * @param before heap and threads before starting them
	 * @param parked heap and threads while all waited
	 * @param workflowRows their workflow rows
	 * @param eventRows their journal rows
	 * @param lag per workflow, from the timer's due time to its first step after the sleep
	 * @param drainPerSecond workflows woken and completed per second, from the due time to the last
	 */
	record Result(int workflows, double parkedPerSecond, Footprint before, Footprint parked, long workflowRows,
			long eventRows, Samples lag, double drainPerSecond) {
	}

}
