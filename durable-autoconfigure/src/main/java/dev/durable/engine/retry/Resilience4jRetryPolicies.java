package dev.durable.engine.retry;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.ActivityDefinition;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Retry policies from Resilience4j's {@link RetryRegistry}
 * ({@code resilience4j.retry.instances.*}): max attempts, the interval function and the retry and
 * ignore exception rules. Only the policy is taken from Resilience4j; the engine journals each
 * attempt and its next-attempt time itself, so backoffs survive restarts and long ones hold no
 * thread.
 */
public class Resilience4jRetryPolicies implements RetryPolicies {

	private final RetryPolicy defaultPolicy;

	private final RetryRegistry registry;

	private final Map<String, RetryPolicy> policies = new ConcurrentHashMap<>();

	/**
	 * Create the resolver.
	 * @param defaultPolicy the policy of activities that name none
	 * @param registry the application's retry registry
	 */
	public Resilience4jRetryPolicies(RetryPolicy defaultPolicy, RetryRegistry registry) {
		this.defaultPolicy = defaultPolicy;
		this.registry = registry;
	}

	/**
	 * Turn a Resilience4j retry configuration into an engine policy.
	 * @param name the instance name
	 * @param config its configuration
	 * @return the policy
	 */
	public static RetryPolicy toPolicy(String name, RetryConfig config) {
		return new RetryPolicy(name, config.getMaxAttempts(),
				(attempt, failure) -> Duration
					.ofMillis(config.<Object>getIntervalBiFunction().apply(attempt, Either.left(failure))),
				config.getExceptionPredicate());
	}

	@Override
	public RetryPolicy policyFor(ActivityDefinition activity) {
		if (activity.retry().isEmpty()) {
			return this.defaultPolicy;
		}
		return this.policies.computeIfAbsent(activity.retry(), (name) -> this.registry.find(name)
			.map((retry) -> toPolicy(name, retry.getRetryConfig()))
			.orElseThrow(() -> unknown(activity)));
	}

	@Override
	public void validate(Collection<ActivityDefinition> activities) {
		for (ActivityDefinition activity : activities) {
			if (!activity.retry().isEmpty() && this.registry.find(activity.retry()).isEmpty()) {
				throw unknown(activity);
			}
		}
	}

	private DurableConfigurationException unknown(ActivityDefinition activity) {
		TreeSet<String> known = new TreeSet<>();
		for (Retry retry : this.registry.getAllRetries()) {
			known.add(retry.getName());
		}
		return new DurableConfigurationException("Activity '" + activity.name() + "' names retry policy '"
				+ activity.retry() + "', which is not configured under resilience4j.retry.instances (known: "
				+ (known.isEmpty() ? "none" : String.join(", ", known)) + ")",
				"Add resilience4j.retry.instances." + activity.retry() + ".* to application.yml, or correct the "
						+ "name in @Activity(retry = ...).");
	}

}
