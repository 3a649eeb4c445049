package dev.durable.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.bench.app.BenchApplication;
import dev.durable.bench.app.BenchWorkflows;
import dev.durable.bench.app.ReplayProbe;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Durable in a real Spring Boot context on the same database and the same pool size. As a
 * {@link Target} it is the direct path: W1 and W2 call the entry point on the bean, which starts
 * the workflow, runs it on the calling thread and returns its result. {@link #startPath()} is the
 * same context entered as applications usually do: {@code WorkflowClient.start}, a worker runs the
 * workflow, the caller {@code await}s it. W3 lets the workers wake a suspended workflow.
 */
final class DurableTarget implements Target {

	private final ConfigurableApplicationContext context;

	private final BenchWorkflows workflows;

	private final WorkflowClient client;

	private final ReplayProbe probe;

	private final Duration sleep;

	private final boolean fanoutThroughStart;

	private final Target startPath = new StartPath();

	DurableTarget(BenchDatabase database, BenchSettings settings) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", database.url());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.datasource.hikari.maximum-pool-size", settings.poolSize());
		properties.put("spring.datasource.hikari.pool-name", "durable");
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("spring.jpa.open-in-view", false);
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("durable.jdbc.initialize-schema", "always");
		properties.put("durable.worker.concurrency", settings.workerConcurrency());
		properties.put("durable.worker.async-activity-concurrency", settings.asyncActivityConcurrency());
		// Actuator is on the module's classpath for the start-up workload only; the engine is
		// measured without meters and observations, as before it was added.
		properties.put("spring.autoconfigure.exclude", "dev.durable.autoconfigure.DurableMetricsAutoConfiguration,"
				+ "dev.durable.autoconfigure.DurableObservationAutoConfiguration");
		this.context = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
		this.workflows = this.context.getBean(BenchWorkflows.class);
		this.client = this.context.getBean(WorkflowClient.class);
		this.probe = this.context.getBean(ReplayProbe.class);
		this.sleep = settings.w3Sleep();
		this.fanoutThroughStart = settings.fanoutThroughStart();
	}

	@Override
	public String name() {
		return "Durable direct";
	}

	/** The direct path: the entry point called on the bean runs the workflow on this thread. */
	@Override
	public void runWorkflow(String key, int steps) {
		this.workflows.steps(key, steps);
	}

	/**
	 * Return the start path of the same context: {@code WorkflowClient.start}, then {@code await}.
	 * Closing it does nothing; this target closes the context.
	 * @return the start path as a side of its own
	 */
	Target startPath() {
		return this.startPath;
	}

	/**
	 * W3: start a workflow that records {@code steps} activities and then sleeps past the in-thread
	 * wait limit, so it suspends; a worker claims it when the timer is due and replays it. The
	 * headline is from that claim to the first new activity (claim commit, loading the row and
	 * journal, replaying every recorded step and the timer); the in-method part is from entering the
	 * workflow method again to that activity. The warm-up workflows run together, so that the
	 * claim, load and replay code is compiled before the measured ones run one at a time.
	 */
	@Override
	public ReplayResult replay(int steps, int repetitions, int warmups) {
		List<WorkflowHandle<String>> warming = new ArrayList<>();
		for (int i = 0; i < warmups; i++) {
			warming.add(startReplay(steps));
		}
		for (WorkflowHandle<String> handle : warming) {
			handle.await(Duration.ofMinutes(5));
			this.probe.take(handle.workflowId());
		}
		Samples claimToStep = new Samples();
		Samples inMethod = new Samples();
		Samples beforeMethod = new Samples();
		for (int i = 0; i < repetitions; i++) {
			WorkflowHandle<String> handle = startReplay(steps);
			handle.await(Duration.ofMinutes(5));
			ReplayProbe.Timing timing = this.probe.take(handle.workflowId());
			if (timing == null) {
				throw new IllegalStateException("Workflow " + handle.workflowId() + " did not note its replay timing");
			}
			claimToStep.add(timing.claimToStepNanos());
			inMethod.add(timing.inMethodNanos());
			beforeMethod.add(timing.claimToStepNanos() - timing.inMethodNanos());
		}
		// Recorded at the replay: the start, the activities and the timer.
		return new ReplayResult(claimToStep, "claim → first new step", inMethod, beforeMethod, steps + 2);
	}

	/**
	 * Fan-out: one workflow of {@code count} activities sleeping {@code millis} each, started at
	 * once and joined ({@code atOnce}) or one after the other, entered as {@code bench.fanout.entry} says.
	 * @return the wall time in nanoseconds, from the start to the result
	 */
	long fanOut(String key, boolean atOnce, int count, long millis) {
		long started = System.nanoTime();
		if (this.fanoutThroughStart) {
			this.client.start("fanout-" + key, () -> atOnce ? this.workflows.pausesAtOnce(key, count, millis)
					: this.workflows.pausesInTurn(key, count, millis)).await(Duration.ofMinutes(5));
		}
		else if (atOnce) {
			this.workflows.pausesAtOnce(key, count, millis);
		}
		else {
			this.workflows.pausesInTurn(key, count, millis);
		}
		return System.nanoTime() - started;
	}

	private WorkflowHandle<String> startReplay(int steps) {
		String id = "replay-" + UUID.randomUUID();
		return this.client.start(id, () -> this.workflows.replay("r", steps, this.sleep.toMillis(), 3));
	}

	WorkflowClient client() {
		return this.client;
	}

	BenchWorkflows workflows() {
		return this.workflows;
	}

	@Override
	public void releaseConnections() {
		this.context.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The start path: the workflow is started through {@code WorkflowClient.start}, a worker runs it,
	 * and the calling thread awaits its handle.
	 */
	private final class StartPath implements Target {

		@Override
		public String name() {
			return "Durable start";
		}

		@Override
		public void runWorkflow(String key, int steps) {
			DurableTarget.this.client.start("steps-" + key, () -> DurableTarget.this.workflows.steps(key, steps))
				.await(Duration.ofMinutes(5));
		}

		@Override
		public ReplayResult replay(int steps, int repetitions, int warmups) {
			// W3 is started through the client already; one measurement serves both paths.
			return DurableTarget.this.replay(steps, repetitions, warmups);
		}

		@Override
		public void releaseConnections() {
			DurableTarget.this.releaseConnections();
		}

		@Override
		public void close() {
		}

	}

}
