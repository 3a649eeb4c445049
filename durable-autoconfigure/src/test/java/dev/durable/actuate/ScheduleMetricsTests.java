package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedule meters: runs and lag per schedule, from the ids of the workflows schedules start.
 */
class ScheduleMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ScheduleMetrics metrics = new ScheduleMetrics(this.registry,
			Clock.fixed(Instant.parse("2026-12-02T02:00:00.250Z"), ZoneOffset.UTC));

	@Test
	void aScheduledStartCountsAsARunOfItsScheduleWithItsLag() {
		this.metrics.workflowStarted("Settlements.nightly@2026-12-02T02:00:00Z", "Settlements.nightly");
		assertThat(this.registry.get("durable.schedule.runs").tag("schedule", "Settlements.nightly").counter().count())
			.isEqualTo(1.0);
		assertThat(this.registry.get("durable.schedule.lag")
			.tag("schedule", "Settlements.nightly")
			.timer()
			.max(TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofMillis(250).toMillis());
	}

	@Test
	void otherStartsAreNotScheduleRuns() {
		this.metrics.workflowStarted("order-42", "Orders.process");
		this.metrics.workflowStarted("Orders.process@not-a-time", "Orders.process");
		assertThat(this.registry.find("durable.schedule.runs").counters()).isEmpty();
	}

}
