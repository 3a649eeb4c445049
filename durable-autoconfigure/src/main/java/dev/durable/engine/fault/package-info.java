/**
 * Fault-injection points for test support, and the error that stops a run the way a crash would.
 */
@NullMarked
package dev.durable.engine.fault;

import org.jspecify.annotations.NullMarked;
