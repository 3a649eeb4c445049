package dev.durable.engine.client;

import java.lang.reflect.Method;

import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.run.ActivityInvoker;
import dev.durable.engine.run.ChildWorkflows;
import dev.durable.engine.run.ExecutionContexts;
import dev.durable.engine.run.WorkflowExecution;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectFactory;

/**
 * Decides what a call of a workflow entry point or an activity means where it is made: inside
 * {@code WorkflowClient.start} it is captured, from ordinary code an entry point starts and runs a
 * workflow, from workflow code an activity is journaled. Everything else proceeds unchanged.
 */
public class DurableMethodInterceptor implements MethodInterceptor {

	private final DurableMethods methods;

	private final ObjectFactory<WorkflowStarter> starter;

	private final ObjectFactory<ActivityInvoker> activities;

	private final ObjectFactory<ChildWorkflows> children;

	/**
	 * Create the interceptor; collaborators are looked up on first use so that proxying beans
	 * does not create the engine early.
	 * @param methods the registry of entry points and activities
	 * @param starter starts workflows
	 * @param activities runs activities of workflows
	 * @param children runs child workflows
	 */
	public DurableMethodInterceptor(DurableMethods methods, ObjectFactory<WorkflowStarter> starter,
			ObjectFactory<ActivityInvoker> activities, ObjectFactory<ChildWorkflows> children) {
		this.methods = methods;
		this.starter = starter;
		this.activities = activities;
		this.children = children;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		WorkflowDefinition workflow = this.methods.workflowFor(method, targetClass);
		if (workflow != null) {
			return invokeEntryPoint(workflow, invocation);
		}
		ActivityDefinition activity = this.methods.activityFor(method, targetClass);
		WorkflowExecution execution = ExecutionContexts.currentWorkflow();
		if (activity != null && execution != null && ExecutionContexts.currentActivity() == null) {
			// Inside a Workflow.async lambda the call returns at once, with no value yet.
			return orDefault(this.activities.getObject().invoke(execution, activity, invocation),
					invocation.getMethod().getReturnType());
		}
		return invocation.proceed();
	}

	private @Nullable Object invokeEntryPoint(WorkflowDefinition workflow, MethodInvocation invocation)
			throws Throwable {
		WorkflowExecution execution = ExecutionContexts.currentWorkflow();
		if (execution != null && ExecutionContexts.currentActivity() == null) {
			if (execution.consumeEntryInvocation()) {
				return invocation.proceed();
			}
			return orDefault(this.children.getObject().call(execution, workflow, invocation.getArguments()),
					invocation.getMethod().getReturnType());
		}
		StartCapture capture = StartCapture.current();
		if (capture != null) {
			capture.record(workflow, invocation.getArguments());
			return defaultValue(invocation.getMethod().getReturnType());
		}
		return this.starter.getObject().call(workflow, invocation.getArguments());
	}

	private static @Nullable Object orDefault(@Nullable Object value, Class<?> type) {
		return (value != null) ? value : defaultValue(type);
	}

	private static @Nullable Object defaultValue(Class<?> type) {
		if (!type.isPrimitive() || type == void.class) {
			return null;
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == char.class) {
			return '\0';
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == float.class) {
			return 0f;
		}
		if (type == double.class) {
			return 0d;
		}
		if (type == byte.class) {
			return (byte) 0;
		}
		if (type == short.class) {
			return (short) 0;
		}
		return 0;
	}

}
