package dev.durable;

/**
 * Durable waits on embedded H2.
 */
class H2WorkflowWaitsIntegrationTests extends AbstractWorkflowWaitsIntegrationTests {

}
