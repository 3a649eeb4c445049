/**
 * Observation hooks: the listeners and observers told of workflow starts, ends and activity attempts.
 */
@NullMarked
package dev.durable.engine.observe;

import org.jspecify.annotations.NullMarked;
