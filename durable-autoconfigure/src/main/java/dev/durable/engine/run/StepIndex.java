package dev.durable.engine.run;

import java.util.ArrayList;
import java.util.List;

import dev.durable.engine.journal.JournalEvent;

/**
 * A run's journal events by step, and the next position to write. Steps are numbered 1, 2, 3… in
 * the order the workflow reaches them, so a list indexed by step holds them without hashing or
 * boxing: a replay looks up every recorded step once, and a long journal is indexed while its
 * run's code is still cold.
 */
final class StepIndex {

	private final ArrayList<List<JournalEvent>> byStep;

	private int recordedSteps;

	private long nextSeq = 1;

	StepIndex(int expectedSteps) {
		this.byStep = new ArrayList<>(expectedSteps + 1);
	}

	/**
	 * Index a loaded journal: its steps, the last step it recorded and the position after its
	 * last event.
	 */
	static StepIndex of(List<JournalEvent> journal) {
		StepIndex index = new StepIndex(journal.size());
		long maxSeq = 0;
		for (JournalEvent event : journal) {
			maxSeq = Math.max(maxSeq, event.seq());
			if (event.kind().isStep()) {
				index.add(event);
				index.recordedSteps = Math.max(index.recordedSteps, event.step());
			}
		}
		index.nextSeq = maxSeq + 1;
		return index;
	}

	/**
	 * The last step the loaded journal recorded; later steps are new in this run.
	 */
	synchronized int recordedSteps() {
		return this.recordedSteps;
	}

	/**
	 * The position the next event is written at.
	 */
	synchronized long nextSeq() {
		return this.nextSeq;
	}

	/**
	 * Take the next position for an event that the store writes on its own (a child's start, a
	 * signal taken).
	 */
	synchronized long takeSeq() {
		return this.nextSeq++;
	}

	synchronized void add(JournalEvent event) {
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
	synchronized List<JournalEvent> at(int step) {
		List<JournalEvent> events = (step < this.byStep.size()) ? this.byStep.get(step) : null;
		return (events != null) ? events : List.of();
	}

}
