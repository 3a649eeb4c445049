package dev.durable;

/**
 * The engine contract on embedded H2, Durable's default database.
 */
class H2WorkflowEngineIntegrationTests extends AbstractWorkflowEngineIntegrationTests {

}
