package dev.durable.engine.run;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code get()} that is not done yet waits for: the earliest timer, the external events
 * the store can wake the workflow for, and whether work runs in this process.
 */
final class PendingWait {

	private @Nullable Instant earliestTimer;

	private final Set<String> external = new LinkedHashSet<>();

	private boolean runningHere;

	void timer(Instant fireAt) {
		if (this.earliestTimer == null || fireAt.isBefore(this.earliestTimer)) {
			this.earliestTimer = fireAt;
		}
	}

	void external(String waitingFor) {
		this.external.add(waitingFor);
	}

	void runningHere() {
		this.runningHere = true;
	}

	@Nullable Instant earliestTimer() {
		return this.earliestTimer;
	}

	Set<String> external() {
		return this.external;
	}

	boolean isRunningHere() {
		return this.runningHere;
	}

}
