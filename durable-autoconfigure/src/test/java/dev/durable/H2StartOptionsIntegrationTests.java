package dev.durable;

/**
 * Start options on embedded H2.
 */
class H2StartOptionsIntegrationTests extends AbstractStartOptionsIntegrationTests {

}
