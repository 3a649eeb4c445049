package dev.durable.bench.startup.flow;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the workflow and activity beans of this package to the start-up application.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class StartupFlowConfiguration {

}
