package dev.durable.engine.definition;

import java.lang.reflect.Method;
import java.util.Objects;

import dev.durable.annotation.DurableWorkflow;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * One workflow entry point.
 * @param type the workflow type name, as stored
 * @param beanName the bean that declares it
 * @param beanClass the bean's user class
 * @param method the entry-point method on that class
 */
public record WorkflowDefinition(String type, String beanName, Class<?> beanClass, Method method) {

	/**
	 * Validate the definition.
	 */
	public WorkflowDefinition {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(beanName, "beanName");
		Objects.requireNonNull(method, "method");
	}

	/**
	 * Describe the entry point for messages.
	 * @return {@code SimpleClassName.method}
	 */
	public String describe() {
		return this.beanClass.getSimpleName() + "." + this.method.getName() + " (bean '" + this.beanName + "')";
	}

	/**
	 * Return the queue its {@code @DurableWorkflow} names, on the method or else on the class.
	 * @return the queue's name, or null for none
	 */
	public @Nullable String declaredQueue() {
		DurableWorkflow declared = AnnotatedElementUtils.findMergedAnnotation(this.method, DurableWorkflow.class);
		if (declared == null) {
			declared = AnnotatedElementUtils.findMergedAnnotation(this.beanClass, DurableWorkflow.class);
		}
		return (declared != null && !declared.queue().isEmpty()) ? declared.queue() : null;
	}

}
