/**
 * The Spring Boot application the benchmark drives: workflows and activities as users write them.
 */
package dev.durable.bench.app;
