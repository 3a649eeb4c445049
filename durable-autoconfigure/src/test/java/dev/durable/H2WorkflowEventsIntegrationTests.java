package dev.durable;

/**
 * Published values on embedded H2.
 */
class H2WorkflowEventsIntegrationTests extends AbstractWorkflowEventsIntegrationTests {

}
