/**
 * The journal port: the store interface the engine owns, which {@code dev.durable.store} implements and {@code dev.durable.actuate} reads, and the records that cross it.
 */
@NullMarked
package dev.durable.engine.journal;

import org.jspecify.annotations.NullMarked;
