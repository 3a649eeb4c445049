package dev.durable.autoconfigure;

import dev.durable.actuate.DurableHealthIndicator;
import dev.durable.engine.DurableClock;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.store.StoreDialect;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code durable} health indicator, when Spring Boot's health support is present and
 * {@code management.health.durable.enabled} is not {@code false}.
 */
@AutoConfiguration(after = DurableAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WorkflowStore.class)
@ConditionalOnEnabledHealthIndicator("durable")
@EnableConfigurationProperties(DurableProperties.class)
public final class DurableHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "durableHealthIndicator")
	DurableHealthIndicator durableHealthIndicator(WorkflowStore store, ObjectProvider<DurableEngine> engine,
			DurableProperties properties, ObjectProvider<DurableClock> clock, ObjectProvider<StoreDialect> dialect) {
		StoreDialect journal = dialect.getIfUnique();
		return new DurableHealthIndicator(store, () -> {
			DurableEngine running = engine.getIfAvailable();
			if (running == null || !running.hasWorkers()) {
				return "disabled";
			}
			return running.workersRunning() ? "running" : "stopped";
		}, properties.getHealth().getOverdueAfter(), clock.getIfAvailable(DurableClock::systemUTC).clock(),
				(journal != null && journal.inMemory()) ? InMemoryJournal.HEALTH_DETAIL : null);
	}

}
