package dev.durable.engine.run;

import java.util.ArrayList;
import java.util.List;

import dev.durable.engine.journal.JournalEvent;

/**
 * A run's journal events by step. Steps are numbered 1, 2, 3… in the order the workflow reaches
 * them, so a list indexed by step holds them without hashing or boxing: a replay looks up every
 * recorded step once, and a long journal is indexed while its run's code is still cold.
 */
final class StepIndex {

	private final ArrayList<List<JournalEvent>> byStep;

	StepIndex(int expectedSteps) {
		this.byStep = new ArrayList<>(expectedSteps + 1);
	}

	void add(JournalEvent event) {
		int step = event.step();
		while (this.byStep.size() <= step) {
			this.byStep.add(null);
		}
		List<JournalEvent> events = this.byStep.get(step);
		if (events == null) {
			events = new ArrayList<>(2);
			this.byStep.set(step, events);
		}
		events.add(event);
	}

	/**
	 * The events recorded at a step, oldest first; empty if none.
	 */
	List<JournalEvent> at(int step) {
		List<JournalEvent> events = (step < this.byStep.size()) ? this.byStep.get(step) : null;
		return (events != null) ? events : List.of();
	}

}
