package dev.durable.engine;

import java.util.Collection;

/**
 * The retry policies of this version: every activity runs under the engine's default policy
 * ({@code durable.activity.default-retry.*}). Named Resilience4j policies are not wired yet, so
 * an activity that names one fails start-up rather than silently running under another policy.
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
						+ activity.retry() + "', but this version of Durable does not read Resilience4j retry "
						+ "instances yet", "Remove retry = \"" + activity.retry() + "\" and tune the default policy "
						+ "under durable.activity.default-retry.* instead.");
			}
		}
	}

}
