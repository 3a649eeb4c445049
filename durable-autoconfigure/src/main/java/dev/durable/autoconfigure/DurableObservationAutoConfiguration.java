package dev.durable.autoconfigure;

import dev.durable.actuate.DurableObservations;
import dev.durable.engine.observe.ExecutionObserver;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observations (tracing spans) of workflow runs and activity attempts, when the
 * application has an {@link ObservationRegistry}.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "durable.enabled", matchIfMissing = true)
public final class DurableObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExecutionObserver durableObservations(ObservationRegistry registry) {
		return new DurableObservations(registry);
	}

}
