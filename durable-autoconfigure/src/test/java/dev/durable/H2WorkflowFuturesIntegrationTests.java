package dev.durable;

/**
 * Durable futures on embedded H2.
 */
class H2WorkflowFuturesIntegrationTests extends AbstractWorkflowFuturesIntegrationTests {

}
