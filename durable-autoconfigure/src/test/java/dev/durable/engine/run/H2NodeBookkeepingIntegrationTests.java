package dev.durable.engine.run;

/**
 * A node's per-workflow bookkeeping on embedded H2.
 */
class H2NodeBookkeepingIntegrationTests extends AbstractNodeBookkeepingIntegrationTests {

}
