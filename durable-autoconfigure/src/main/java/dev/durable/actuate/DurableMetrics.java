package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.observe.WorkflowEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Durable's Micrometer meters: counters of started and ended workflows by type (and of those
 * failed because their runs kept stopping, see {@code durable.worker.max-run-attempts}), a timer and a
 * counter of activity attempts by activity and outcome, and a gauge of workflows by status read
 * from the database at most once per refresh interval.
 */
public class DurableMetrics implements WorkflowEventListener {

	private static final Log logger = LogFactory.getLog(DurableMetrics.class);

	private final MeterRegistry registry;

	private final WorkflowQueries queries;

	private final Clock clock;

	private final Duration refresh;

	private Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);

	private @Nullable Instant countedAt;

	/**
	 * Create the meters and register the status gauges.
	 * @param registry where to register meters
	 * @param queries counts workflows by status
	 * @param clock the clock for the gauge's cache
	 * @param refresh how long a count of workflows by status is reused
	 */
	public DurableMetrics(MeterRegistry registry, WorkflowQueries queries, Clock clock, Duration refresh) {
		this.registry = registry;
		this.queries = queries;
		this.clock = clock;
		this.refresh = refresh;
		for (WorkflowStatus status : WorkflowStatus.values()) {
			Gauge.builder("durable.workflows", this, (metrics) -> metrics.count(status))
				.description("Workflows in the database by status")
				.tag("status", status.name())
				.register(registry);
		}
	}

	@Override
	public void workflowStarted(String workflowId, String type) {
		Counter.builder("durable.workflows.started")
			.description("Workflows created")
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	@Override
	public void workflowEnded(String workflowId, String type, WorkflowStatus status) {
		Counter.builder("durable.workflows." + status.name().toLowerCase(java.util.Locale.ROOT))
			.description("Workflows that ended " + status + " on this node")
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	@Override
	public void workflowRunsExhausted(String workflowId, String type, int runs) {
		Counter.builder("durable.workflows.runs.exhausted")
			.description("Workflows failed on this node because their runs kept stopping without ending or waiting")
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	@Override
	public void workflowClaimed(String workflowId, Duration lag) {
		Timer.builder("durable.workflows.claim.lag")
			.description("Time from a workflow becoming due (start, wake-up, expired lease) to a claim")
			.register(this.registry)
			.record(lag.isNegative() ? Duration.ZERO : lag);
	}

	@Override
	public void activityAttempted(String activityName, int attempt, @Nullable Throwable failure, Duration duration) {
		String outcome = (failure != null) ? "failure" : "success";
		Timer.builder("durable.activity.duration")
			.description("Time of each activity attempt")
			.tag("activity", activityName)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(duration);
		Counter.builder("durable.activity.attempts")
			.description("Activity attempts run on this node")
			.tag("activity", activityName)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private synchronized double count(WorkflowStatus status) {
		Instant now = this.clock.instant();
		if (this.countedAt == null || !now.isBefore(this.countedAt.plus(this.refresh))) {
			try {
				this.counts = this.queries.countByStatus();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not count workflows by status; the gauge keeps its last values", ex);
			}
			// Also after a failure: an unreachable database is asked again only after the interval.
			this.countedAt = now;
		}
		return this.counts.getOrDefault(status, 0L);
	}

}
