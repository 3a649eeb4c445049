package dev.durable.engine;

/**
 * A node's per-workflow bookkeeping on embedded H2.
 */
class H2NodeBookkeepingIntegrationTests extends AbstractNodeBookkeepingIntegrationTests {

}
