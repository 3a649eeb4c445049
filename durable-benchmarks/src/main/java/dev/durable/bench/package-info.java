/**
 * The benchmark harness: Durable against a raw-JDBC floor on PostgreSQL or an H2 file, printed as Markdown.
 */
package dev.durable.bench;
