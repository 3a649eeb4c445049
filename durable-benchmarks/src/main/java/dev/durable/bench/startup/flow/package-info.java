/**
 * One trivial workflow and activity bean, added to the start-up application in the variant that
 * has them. Outside the application's package, so that its component scan does not find them.
 */
package dev.durable.bench.startup.flow;
