/**
 * The child process of the start-up workload: starts the minimal web application once, with or
 * without Durable, and reports what the start cost.
 */
package dev.durable.bench.startup;
