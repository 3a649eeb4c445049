package dev.durable.autoconfigure;

import java.time.Duration;

import dev.durable.WorkflowClient;
import dev.durable.actuate.WorkflowsEndpoint;
import dev.durable.engine.DurableClock;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.journal.WorkflowStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code workflows} actuator endpoint, when Spring Boot Actuator is present and the
 * endpoint is exposed; read-only unless {@code management.endpoint.workflows.access} grants more.
 */
@AutoConfiguration(after = DurableAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean({ WorkflowStore.class, WorkflowClient.class, DurableEngine.class })
@ConditionalOnAvailableEndpoint(WorkflowsEndpoint.class)
@EnableConfigurationProperties(WorkflowsEndpointProperties.class)
public final class DurableEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowsEndpoint workflowsEndpoint(WorkflowStore store, WorkflowClient client, DurableEngine engine,
			WorkflowsEndpointProperties properties, ObjectProvider<DurableProperties> durable,
			ObjectProvider<DurableClock> clock) {
		Duration overdueAfter = durable.getIfAvailable(DurableProperties::new).getHealth().getOverdueAfter();
		return new WorkflowsEndpoint(store, client, engine.retrier(), properties.getShowValues(), properties.getRoles(),
				overdueAfter, clock.getIfAvailable(DurableClock::systemUTC).clock());
	}

}
