package dev.durable.engine.retry;

import java.util.Collection;

import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.ActivityDefinition;

/**
 * Resolves the retry policy of each activity.
 */
public interface RetryPolicies {

	/**
	 * Return the policy an activity runs under.
	 * @param activity the activity
	 * @return its retry policy
	 */
	RetryPolicy policyFor(ActivityDefinition activity);

	/**
	 * Check at start-up that every activity's named policy exists.
	 * @param activities the application's activities
	 * @throws DurableConfigurationException naming the activity and the missing policy
	 */
	void validate(Collection<ActivityDefinition> activities);

}
