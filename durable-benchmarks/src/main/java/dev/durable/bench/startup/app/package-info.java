/**
 * The minimal web application whose start-up the start-up workload measures: one controller,
 * one JPA entity and its repository, actuator, H2.
 */
package dev.durable.bench.startup.app;
