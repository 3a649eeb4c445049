package dev.durable.engine.definition;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableScheduled;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.DurableConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * The registry of workflow entry points and activities found on the application's beans, with
 * the start-up checks that keep workflow type names unambiguous.
 */
public class DurableMethods {

	private final Map<String, WorkflowDefinition> workflowsByType = new ConcurrentHashMap<>();

	private final Map<Method, WorkflowDefinition> workflowsByMethod = new ConcurrentHashMap<>();

	private final Map<Method, ActivityDefinition> activitiesByMethod = new ConcurrentHashMap<>();

	/**
	 * Tell whether a method is a workflow entry point or an activity by its annotations.
	 * @param method the method
	 * @param targetClass the class it is invoked on
	 * @return {@code true} if Durable must intercept it
	 */
	public static boolean isDurable(Method method, Class<?> targetClass) {
		Method specific = ClassUtils.getMostSpecificMethod(method, targetClass);
		return isEntryPoint(specific, targetClass) || isActivity(specific, targetClass);
	}

	/**
	 * Tell whether a class declares any workflow entry point or activity.
	 * @param type the class
	 * @return {@code true} if it does
	 */
	public static boolean declaresDurableMethods(Class<?> type) {
		Class<?> user = ClassUtils.getUserClass(type);
		if (AnnotatedElementUtils.hasAnnotation(user, DurableWorkflow.class)
				|| AnnotatedElementUtils.hasAnnotation(user, Activity.class)) {
			return true;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(user, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (AnnotatedElementUtils.hasAnnotation(method, DurableWorkflow.class)
					|| AnnotatedElementUtils.hasAnnotation(method, Activity.class)) {
				return true;
			}
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(user, ReflectionUtils.USER_DECLARED_METHODS)) {
			rejectScheduledOutsideEntryPoints(user, method);
		}
		return false;
	}

	/**
	 * Fail on a {@code @DurableScheduled} method that is not a workflow entry point: a schedule
	 * starts a workflow, so anything else would never fire, without a word.
	 */
	private static void rejectScheduledOutsideEntryPoints(Class<?> user, Method method) {
		if (AnnotatedElementUtils.hasAnnotation(method, DurableScheduled.class)) {
			throw new DurableConfigurationException("@DurableScheduled method " + user.getName() + "."
					+ method.getName() + " is not a workflow entry point, so its schedule would never start anything",
					"Make it a workflow entry point (a public method of a @DurableWorkflow class, or one annotated "
							+ "@DurableWorkflow) of a Spring bean, or use Spring's @Scheduled for work that need not "
							+ "be durable.");
		}
	}

	/**
	 * Register the entry points and activities of a bean.
	 * @param beanName the bean name
	 * @param beanClass the bean's class (a proxy class is unwrapped)
	 * @throws DurableConfigurationException if the declarations are ambiguous
	 */
	public void register(String beanName, Class<?> beanClass) {
		Class<?> user = ClassUtils.getUserClass(beanClass);
		boolean workflowClass = AnnotatedElementUtils.hasAnnotation(user, DurableWorkflow.class);
		boolean activityClass = AnnotatedElementUtils.hasAnnotation(user, Activity.class);
		if (workflowClass && activityClass) {
			throw new DurableConfigurationException(
					"Class " + user.getName() + " is annotated both @DurableWorkflow and @Activity",
					"Keep workflow code and activities in separate beans: the workflow calls the activities "
							+ "through their proxy, which a call within one class would bypass.");
		}
		List<Method> entryPoints = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(user, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (isEntryPoint(method, user)) {
				entryPoints.add(method);
			}
			else {
				rejectScheduledOutsideEntryPoints(user, method);
				if (isActivity(method, user)) {
					registerActivity(beanName, user, method);
				}
			}
		}
		for (Method method : entryPoints) {
			registerWorkflow(beanName, user, method, entryPoints.size());
		}
	}

	/**
	 * Find the entry point a method call targets.
	 * @param method the invoked method
	 * @param targetClass the class of the invoked object
	 * @return the definition, or null if the method is not an entry point
	 */
	public @Nullable WorkflowDefinition workflowFor(Method method, Class<?> targetClass) {
		WorkflowDefinition found = this.workflowsByMethod.get(method);
		return (found != null) ? found
				: this.workflowsByMethod.get(ClassUtils.getMostSpecificMethod(method, ClassUtils.getUserClass(targetClass)));
	}

	/**
	 * Find the activity a method call targets.
	 * @param method the invoked method
	 * @param targetClass the class of the invoked object
	 * @return the definition, or null if the method is not an activity
	 */
	public @Nullable ActivityDefinition activityFor(Method method, Class<?> targetClass) {
		ActivityDefinition found = this.activitiesByMethod.get(method);
		return (found != null) ? found
				: this.activitiesByMethod.get(ClassUtils.getMostSpecificMethod(method, ClassUtils.getUserClass(targetClass)));
	}

	/**
	 * Find the entry point of a workflow type.
	 * @param type the workflow type name
	 * @return the definition, or null if this application has no such type
	 */
	public @Nullable WorkflowDefinition workflow(String type) {
		return this.workflowsByType.get(type);
	}

	/**
	 * Return every registered entry point.
	 * @return the workflow definitions
	 */
	public Collection<WorkflowDefinition> workflows() {
		return List.copyOf(this.workflowsByType.values());
	}

	/**
	 * Return every registered activity.
	 * @return the activity definitions
	 */
	public Collection<ActivityDefinition> activities() {
		return List.copyOf(this.activitiesByMethod.values());
	}

	private void registerWorkflow(String beanName, Class<?> user, Method method, int entryPointsOfClass) {
		for (WorkflowDefinition other : this.workflowsByMethod.values()) {
			if (other.beanName().equals(beanName) && other.method().getName().equals(method.getName())
					&& !other.method().equals(method)) {
				throw new DurableConfigurationException(
						"Workflow entry point " + user.getSimpleName() + "." + method.getName()
								+ " is overloaded: " + describe(other.method()) + " and " + describe(method),
						"Give each entry point its own method name; a workflow type must name exactly one method.");
			}
		}
		String type = workflowType(user, method, entryPointsOfClass);
		WorkflowDefinition definition = new WorkflowDefinition(type, beanName, user, method);
		WorkflowDefinition existing = this.workflowsByType.putIfAbsent(type, definition);
		if (existing != null && !existing.method().equals(method)) {
			throw new DurableConfigurationException(
					"Two workflow entry points have the type name '" + type + "': " + existing.describe() + " and "
							+ definition.describe(),
					"Give one of them a distinct name with @DurableWorkflow(name = \"...\").");
		}
		this.workflowsByMethod.put(method, definition);
	}

	private void registerActivity(String beanName, Class<?> user, Method method) {
		Activity onClass = AnnotatedElementUtils.findMergedAnnotation(user, Activity.class);
		Activity onMethod = AnnotatedElementUtils.findMergedAnnotation(method, Activity.class);
		String name = firstNonEmpty(onMethod != null ? onMethod.name() : "", "");
		if (name.isEmpty()) {
			name = user.getSimpleName() + "." + method.getName();
		}
		String retry = firstNonEmpty(onMethod != null ? onMethod.retry() : "", onClass != null ? onClass.retry() : "");
		String timeoutText = firstNonEmpty(onMethod != null ? onMethod.timeout() : "",
				onClass != null ? onClass.timeout() : "");
		Duration timeout = parseTimeout(name, beanName, timeoutText);
		this.activitiesByMethod.put(method, new ActivityDefinition(name, user, method, retry, timeout));
	}

	private static @Nullable Duration parseTimeout(String activity, String beanName, String text) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			Duration timeout = DurationStyle.detectAndParse(text);
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("must be positive");
			}
			return timeout;
		}
		catch (IllegalArgumentException ex) {
			throw new DurableConfigurationException("Activity '" + activity + "' (bean '" + beanName
					+ "') has timeout \"" + text + "\", which is not a positive duration",
					"Use a Spring duration string such as \"500ms\", \"30s\" or \"5m\", or leave timeout empty for no limit.");
		}
	}

	private static String workflowType(Class<?> user, Method method, int entryPointsOfClass) {
		DurableWorkflow onMethod = AnnotatedElementUtils.findMergedAnnotation(method, DurableWorkflow.class);
		if (onMethod != null && StringUtils.hasText(onMethod.name())) {
			return onMethod.name();
		}
		DurableWorkflow onClass = AnnotatedElementUtils.findMergedAnnotation(user, DurableWorkflow.class);
		if (onMethod == null && onClass != null && StringUtils.hasText(onClass.name())) {
			return (entryPointsOfClass == 1) ? onClass.name() : onClass.name() + "." + method.getName();
		}
		return user.getSimpleName() + "." + method.getName();
	}

	private static boolean isEntryPoint(Method method, Class<?> targetClass) {
		if (AnnotatedElementUtils.hasAnnotation(method, DurableWorkflow.class)) {
			return true;
		}
		return isPublicInstanceMethod(method)
				&& AnnotatedElementUtils.hasAnnotation(ClassUtils.getUserClass(targetClass), DurableWorkflow.class);
	}

	private static boolean isActivity(Method method, Class<?> targetClass) {
		if (AnnotatedElementUtils.hasAnnotation(method, Activity.class)) {
			return true;
		}
		return isPublicInstanceMethod(method)
				&& AnnotatedElementUtils.hasAnnotation(ClassUtils.getUserClass(targetClass), Activity.class);
	}

	private static boolean isPublicInstanceMethod(Method method) {
		int modifiers = method.getModifiers();
		return Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !method.isSynthetic()
				&& !method.isBridge() && method.getDeclaringClass() != Object.class;
	}

	private static String firstNonEmpty(String first, String second) {
		return first.isEmpty() ? second : first;
	}

	private static String describe(Method method) {
		StringBuilder text = new StringBuilder(method.getName()).append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append(i > 0 ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
