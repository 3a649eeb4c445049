package dev.durable;

/**
 * Durable retries on embedded H2.
 */
class H2RetryIntegrationTests extends AbstractRetryIntegrationTests {

}
