package dev.durable.engine.retry;

import dev.durable.engine.definition.DurableMethods;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Checks, once every bean is created, what can only be checked against the whole application:
 * that each activity's named retry policy exists.
 */
public class DurableStartupValidator implements SmartInitializingSingleton {

	private final DurableMethods methods;

	private final RetryPolicies retryPolicies;

	/**
	 * Create the validator.
	 * @param methods the registry of activities
	 * @param retryPolicies the retry policies
	 */
	public DurableStartupValidator(DurableMethods methods, RetryPolicies retryPolicies) {
		this.methods = methods;
		this.retryPolicies = retryPolicies;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.retryPolicies.validate(this.methods.activities());
	}

}
