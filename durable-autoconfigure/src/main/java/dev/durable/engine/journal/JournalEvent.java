package dev.durable.engine.journal;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One recorded event of a workflow's journal.
 * @param seq the event's position in the journal, from 1, unique per workflow
 * @param step the durable call it belongs to, from 1, or 0 for lifecycle events
 * @param kind the event kind
 * @param name the activity, timer or value name, or the workflow type for lifecycle events
 * @param attempt the attempt number for activity events, else 0
 * @param input the JSON input (arguments), if any
 * @param output the JSON output (result), if any
 * @param errorType the fully qualified class name of the error, if any
 * @param error the error message, if any
 * @param timestamp when the event was recorded (for a step's outcome: when it ended)
 * @param startedAt when what the event records began: the attempt of an activity event, the child
 * workflow of a child event; null for events that record a moment, and for rows written before
 * begin times were recorded. Shown to people (the actuator, the console), never replayed.
 */
public record JournalEvent(long seq, int step, EventKind kind, String name, int attempt, @Nullable String input,
		@Nullable String output, @Nullable String errorType, @Nullable String error, Instant timestamp,
		@Nullable Instant startedAt) {

	/**
	 * Validate the event.
	 */
	public JournalEvent {
		if (seq < 1) {
			throw new IllegalArgumentException("seq must be at least 1, was " + seq);
		}
		if (kind.isStep() != (step > 0)) {
			throw new IllegalArgumentException(kind + " events " + (kind.isStep() ? "need" : "take no") + " step number");
		}
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(timestamp, "timestamp");
	}

	/**
	 * Create an event that records a moment, with no begin time.
	 * @param seq the event's position in the journal, from 1
	 * @param step the durable call it belongs to, from 1, or 0 for lifecycle events
	 * @param kind the event kind
	 * @param name the activity, timer or value name, or the workflow type
	 * @param attempt the attempt number for activity events, else 0
	 * @param input the JSON input, if any
	 * @param output the JSON output, if any
	 * @param errorType the fully qualified class name of the error, if any
	 * @param error the error message, if any
	 * @param timestamp when the event was recorded
	 */
	public JournalEvent(long seq, int step, EventKind kind, String name, int attempt, @Nullable String input,
			@Nullable String output, @Nullable String errorType, @Nullable String error, Instant timestamp) {
		this(seq, step, kind, name, attempt, input, output, errorType, error, timestamp, null);
	}

}
