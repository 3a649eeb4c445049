package dev.durable.autoconfigure;

import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Resilience4j's retry configuration ({@code resilience4j.retry.configs.*} and
 * {@code resilience4j.retry.instances.*}), bound the way Resilience4j's own Spring Boot modules
 * bind it, for applications that do not define a {@code RetryRegistry} of their own.
 */
@ConfigurationProperties("resilience4j.retry")
public class Resilience4jRetryProperties extends CommonRetryConfigurationProperties {

}
