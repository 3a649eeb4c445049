package dev.durable;

/**
 * Runs that keep failing outside workflow code, on embedded H2.
 */
class H2PoisonRunIntegrationTests extends AbstractPoisonRunIntegrationTests {

}
