package dev.durable.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a durable workflow entry point.
 *
 * <p>On a class, every public method is an entry point and the class is a {@code @Component}.
 * On a method, that method alone is an entry point and its class must be a bean by other
 * means ({@code @Component}, {@code @Service}, a {@code @Bean} method).
 *
 * <p>Calling an entry point from ordinary code starts a workflow, runs it and returns its
 * result; calling it inside {@code WorkflowClient.start(id, () -> ...)} starts it without
 * waiting. Workflow code must be deterministic: I/O belongs in {@link Activity} methods of
 * other beans, time and randomness come from {@code dev.durable.Workflow}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface DurableWorkflow {

	/**
	 * The workflow type as stored and shown; defaults to {@code SimpleClassName.methodName}.
	 * On a class with one public method the name is that entry point's type; on a class with
	 * several, it is a prefix: {@code name.methodName}.
	 * @return the workflow type name, or empty for the default
	 */
	String name() default "";

	/**
	 * The queue this type's workflows run under by default, configured under
	 * {@code durable.queues.<name>}; {@code StartOptions.queue} overrides it for one workflow. A
	 * queue that is not configured fails start-up with a message naming it.
	 * @return the queue name, or empty for none
	 */
	String queue() default "";

}
