package dev.durable;

/**
 * Schedules on embedded H2.
 */
class H2SchedulesIntegrationTests extends AbstractSchedulesIntegrationTests {

}
