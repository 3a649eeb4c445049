package dev.durable.engine.retry;

import java.util.Collection;

import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.ActivityDefinition;

/**
 * The retry policies of an application without Resilience4j: every activity runs under the
 * engine's default policy ({@code durable.activity.default-retry.*}); an activity that names a
 * policy fails start-up rather than silently running under another one.
 */
public class DefaultRetryPolicies implements RetryPolicies {

	private final RetryPolicy defaultPolicy;

	/**
	 * Create the resolver.
	 * @param defaultPolicy the policy of activities that name none
	 */
	public DefaultRetryPolicies(RetryPolicy defaultPolicy) {
		this.defaultPolicy = defaultPolicy;
	}

	@Override
	public RetryPolicy policyFor(ActivityDefinition activity) {
		return this.defaultPolicy;
	}

	@Override
	public void validate(Collection<ActivityDefinition> activities) {
		for (ActivityDefinition activity : activities) {
			if (!activity.retry().isEmpty()) {
				throw new DurableConfigurationException("Activity '" + activity.name() + "' names retry policy '"
						+ activity.retry() + "', but Resilience4j (io.github.resilience4j:resilience4j-retry) is not "
						+ "on the class path", "Depend on durable-spring-boot-starter, which brings it, or remove "
						+ "retry = \"" + activity.retry() + "\" and tune durable.activity.default-retry.* instead.");
			}
		}
	}

}
