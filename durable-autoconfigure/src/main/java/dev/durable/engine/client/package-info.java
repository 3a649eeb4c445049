/**
 * How calls enter the engine: the workflow client and handle, starting workflows, outcomes, and the proxy that routes entry-point and activity calls.
 */
@NullMarked
package dev.durable.engine.client;

import org.jspecify.annotations.NullMarked;
