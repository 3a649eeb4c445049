package dev.durable.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.durable.actuate.DurableMetrics;
import dev.durable.actuate.QueueMetrics;
import dev.durable.actuate.ScheduleMetrics;
import dev.durable.engine.DurableClock;
import dev.durable.engine.journal.WorkflowStore;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Durable's Micrometer meters, when Micrometer is present and the application has a
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = DurableAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WorkflowStore.class })
public final class DurableMetricsAutoConfiguration {

	private static final Duration STATUS_GAUGE_REFRESH = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean
	DurableMetrics durableMetrics(MeterRegistry registry, WorkflowStore store, ObjectProvider<DurableClock> clock) {
		return new DurableMetrics(registry, store, clock.getIfAvailable(DurableClock::systemUTC).clock(),
				STATUS_GAUGE_REFRESH);
	}

	@Bean
	@ConditionalOnMissingBean
	QueueMetrics durableQueueMetrics(MeterRegistry registry, WorkflowStore store, DurableProperties properties,
			ObjectProvider<DurableClock> clock) {
		return new QueueMetrics(registry, store, List.copyOf(properties.getQueues().keySet()),
				clock.getIfAvailable(DurableClock::systemUTC).clock(), STATUS_GAUGE_REFRESH);
	}

	@Bean
	@ConditionalOnMissingBean
	ScheduleMetrics durableScheduleMetrics(MeterRegistry registry, ObjectProvider<DurableClock> clock) {
		return new ScheduleMetrics(registry, clock.getIfAvailable(DurableClock::systemUTC).clock());
	}

}
