package dev.durable;

/**
 * Operating workflows on embedded H2.
 */
class H2WorkflowOperationsIntegrationTests extends AbstractWorkflowOperationsIntegrationTests {

}
