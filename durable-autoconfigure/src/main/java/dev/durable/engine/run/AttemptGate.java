package dev.durable.engine.run;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, once, whether a timed attempt completed or timed out, so that its completion and its
 * timeout are never both journaled.
 */
final class AttemptGate {

	private final AtomicInteger state = new AtomicInteger();

	boolean complete() {
		return this.state.compareAndSet(0, 1);
	}

	boolean timeOut() {
		return this.state.compareAndSet(0, 2);
	}

}
