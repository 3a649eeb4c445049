/**
 * The run-and-replay core: the replay context behind the facades, activity invocation, waits, child workflows and suspension.
 */
@NullMarked
package dev.durable.engine.run;

import org.jspecify.annotations.NullMarked;
