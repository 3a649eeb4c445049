/**
 * Test support for applications on Durable: {@link dev.durable.testing.DurableTest}, a clock tests
 * move, waits for workflow states, crash injection and replay checks of recorded journals.
 */
@NullMarked
package dev.durable.testing;

import org.jspecify.annotations.NullMarked;
