package dev.durable;

/**
 * The console's reads on embedded H2.
 */
class H2WorkflowsConsoleReadsIntegrationTests extends AbstractWorkflowsConsoleReadsIntegrationTests {

}
