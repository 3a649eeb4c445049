package dev.durable.engine;

import java.time.Clock;
import java.util.Objects;

/**
 * What every part of a workflow run needs: the store, the codec, the clock and the settings.
 * @param store the journal
 * @param codec the JSON codec
 * @param clock the clock for timestamps, timers and backoffs
 * @param settings the engine settings
 */
public record EngineContext(WorkflowStore store, JsonCodec codec, Clock clock, EngineSettings settings) {

	/**
	 * Validate the context.
	 */
	public EngineContext {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(codec, "codec");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(settings, "settings");
	}

}
