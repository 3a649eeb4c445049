package dev.durable.engine.run;

import java.time.Clock;
import java.util.Objects;

import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.observe.WorkflowEventListeners;

/**
 * What every part of a workflow run needs: the store, the codec, the clock, the settings and the
 * listeners to tell.
 * @param store the journal
 * @param codec the JSON codec
 * @param clock the clock for timestamps, timers and backoffs
 * @param settings the engine settings
 * @param events the listeners told of starts, ends and activity attempts
 */
public record EngineContext(WorkflowStore store, JsonCodec codec, Clock clock, EngineSettings settings,
		WorkflowEventListener events) {

	/**
	 * Validate the context.
	 */
	public EngineContext {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(codec, "codec");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(events, "events");
	}

	/**
	 * Create a context without listeners.
	 * @param store the journal
	 * @param codec the JSON codec
	 * @param clock the clock
	 * @param settings the engine settings
	 */
	public EngineContext(WorkflowStore store, JsonCodec codec, Clock clock, EngineSettings settings) {
		this(store, codec, clock, settings, WorkflowEventListeners.NONE);
	}

}
