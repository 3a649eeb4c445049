/**
 * Builds one engine from the replaceable parts and the settings, and is the lifecycle of its workers, leases and retention.
 */
@NullMarked
package dev.durable.engine.assembly;

import org.jspecify.annotations.NullMarked;
