package dev.durable.engine.definition;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One activity method.
 * @param name the activity name, as journaled
 * @param beanClass the bean's user class
 * @param method the activity method
 * @param retry the named retry policy, or empty for the default
 * @param timeout the per-attempt limit, or null for none
 */
public record ActivityDefinition(String name, Class<?> beanClass, Method method, String retry,
		@Nullable Duration timeout) {

	/**
	 * Validate the definition.
	 */
	public ActivityDefinition {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(retry, "retry");
	}

}
