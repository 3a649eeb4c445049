/**
 * The benchmark harness: Durable against a raw-JDBC floor on PostgreSQL, printed as Markdown.
 */
package dev.durable.bench;
