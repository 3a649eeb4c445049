package dev.durable;

/**
 * Queues on embedded H2.
 */
class H2QueuesIntegrationTests extends AbstractQueuesIntegrationTests {

}
