package dev.durable.actuate;

import java.util.function.Function;
import java.util.function.Supplier;

import dev.durable.engine.observe.ExecutionObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer Observations for workflow runs ({@code durable.workflow.run}) and activity
 * attempts ({@code durable.activity.attempt}), so that an application with a tracer sees them as
 * spans and one with a meter registry gets their timers.
 */
public class DurableObservations implements ExecutionObserver {

	private final ObservationRegistry registry;

	/**
	 * Create the observer.
	 * @param registry the application's observation registry
	 */
	public DurableObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public <T> T observeRun(String workflowId, String type, Supplier<T> run) {
		return Observation.createNotStarted("durable.workflow.run", this.registry)
			.contextualName("workflow " + type)
			.lowCardinalityKeyValue("workflow.type", type)
			.highCardinalityKeyValue("workflow.id", workflowId)
			.observe(run);
	}

	@Override
	public <T> T observeAttempt(String workflowId, String activityName, int attempt, Supplier<T> body,
			Function<T, @Nullable Throwable> failureOf) {
		Observation observation = Observation.createNotStarted("durable.activity.attempt", this.registry)
			.contextualName("activity " + activityName)
			.lowCardinalityKeyValue("activity", activityName)
			.highCardinalityKeyValue("workflow.id", workflowId)
			.highCardinalityKeyValue("attempt", Integer.toString(attempt))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = body.get();
			Throwable failure = failureOf.apply(result);
			observation.lowCardinalityKeyValue("outcome", (failure != null) ? "failure" : "success");
			if (failure != null) {
				observation.error(failure);
			}
			return result;
		}
		catch (RuntimeException | Error ex) {
			observation.lowCardinalityKeyValue("outcome", "failure");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
