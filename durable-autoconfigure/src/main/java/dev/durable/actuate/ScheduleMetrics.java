package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.durable.engine.observe.WorkflowEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of {@code @DurableScheduled} schedules: a counter of the workflows each schedule started
 * on this node ({@code durable.schedule.runs}) and a timer of how late after its fire time each
 * one was started ({@code durable.schedule.lag}), tagged with the schedule's name. A scheduled
 * workflow is known by its id, {@code <type>@<fire time>}.
 */
public class ScheduleMetrics implements WorkflowEventListener {

	private final MeterRegistry registry;

	private final Clock clock;

	/**
	 * Create the meters' recorder.
	 * @param registry where to register meters
	 * @param clock the clock a start's lag is measured with
	 */
	public ScheduleMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public void workflowStarted(String workflowId, String type) {
		String prefix = type + "@";
		if (!workflowId.startsWith(prefix)) {
			return;
		}
		Instant fireTime;
		try {
			fireTime = Instant.parse(workflowId.substring(prefix.length()));
		}
		catch (DateTimeParseException ex) {
			return;
		}
		Counter.builder("durable.schedule.runs")
			.description("Workflows started by a schedule on this node")
			.tag("schedule", type)
			.register(this.registry)
			.increment();
		Duration lag = Duration.between(fireTime, this.clock.instant());
		Timer.builder("durable.schedule.lag")
			.description("How long after its fire time a scheduled workflow was started")
			.tag("schedule", type)
			.register(this.registry)
			.record(lag.isNegative() ? Duration.ZERO : lag);
	}

}
