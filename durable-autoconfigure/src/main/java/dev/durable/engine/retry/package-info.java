/**
 * Retry policy resolution, and the start-up check that every named policy exists; the only room that knows Resilience4j.
 */
@NullMarked
package dev.durable.engine.retry;

import org.jspecify.annotations.NullMarked;
