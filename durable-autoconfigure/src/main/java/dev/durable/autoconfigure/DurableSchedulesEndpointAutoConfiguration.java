package dev.durable.autoconfigure;

import dev.durable.actuate.SchedulesEndpoint;
import dev.durable.engine.assembly.DurableEngine;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code schedules} actuator endpoint, when Spring Boot Actuator is present and the endpoint
 * is exposed; read-only unless {@code management.endpoint.schedules.access} grants more.
 */
@AutoConfiguration(after = DurableAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(DurableEngine.class)
@ConditionalOnAvailableEndpoint(SchedulesEndpoint.class)
public final class DurableSchedulesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SchedulesEndpoint schedulesEndpoint(DurableEngine engine) {
		return new SchedulesEndpoint(engine.schedules());
	}

}
