/**
 * Test support for applications on Durable: {@link dev.durable.testing.DurableTest}, a clock tests
 * move, waits for workflow states, crash injection and replay checks of recorded journals.
 *
 * <p>It uses a small, deliberate part of the engine, and {@code TestSupportArrowsTests} keeps it
 * so: the public API; {@code dev.durable.engine} (the clock it replaces); the journal port
 * {@code dev.durable.engine.journal} (reading workflows and their events, releasing a claim); the
 * fault-injection points of {@code dev.durable.engine.fault} ({@code ActivityFaults} and
 * {@code RunAbandonedError}); and {@code DurableEngine} for what it hands test support: waking the
 * workers, the claims running now and the {@code ReplayChecker}.
 */
@NullMarked
package dev.durable.testing;

import org.jspecify.annotations.NullMarked;
