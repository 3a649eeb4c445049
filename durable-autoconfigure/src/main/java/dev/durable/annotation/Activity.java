package dev.durable.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a journaled activity: a step of a workflow that may do I/O.
 *
 * <p>Called from workflow code, an activity runs once (with its retry policy) and its result
 * or final failure is recorded; on replay the recorded outcome is returned and the method body
 * does not run again. Called from ordinary code it is a plain method call.
 *
 * <p>On a class, every public method is an activity and the class is a {@code @Component};
 * on a method, its attributes override the class's.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface Activity {

	/**
	 * The activity name as journaled and shown; defaults to {@code SimpleClassName.methodName}.
	 * @return the activity name, or empty for the default
	 */
	String name() default "";

	/**
	 * The Resilience4j retry instance ({@code resilience4j.retry.instances.<retry>}) whose
	 * policy applies; empty for the engine's default policy ({@code durable.activity.default-retry}).
	 * @return the retry instance name, or empty
	 */
	String retry() default "";

	/**
	 * The limit for one attempt as a Spring duration string ({@code 500ms}, {@code 30s},
	 * {@code 5m}); an attempt past it counts as failed. Empty for no limit.
	 * @return the per-attempt timeout, or empty
	 */
	String timeout() default "";

}
