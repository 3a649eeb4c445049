package dev.durable.engine.client;

import java.time.Duration;
import java.time.Instant;

import dev.durable.StartOptions;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.NewWorkflow;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What {@link StartOptions} make of a new workflow's row: the time it becomes due (now plus the
 * delay, so that a delay survives restarts like a timer does), its deadline (that time plus the
 * timeout) and its priority.
 */
final class StartTiming {

	private StartTiming() {
	}

	/**
	 * Apply the options' delay, timeout and priority to a pending workflow.
	 * @param options the start options
	 * @param pending the workflow as created without options
	 * @return the workflow to create
	 */
	static NewWorkflow of(StartOptions options, NewWorkflow pending) {
		Instant begins = pending.createdAt().plus(options.delay());
		Duration timeout = options.timeout();
		return pending.timed(begins, (timeout != null) ? begins.plus(timeout) : null, options.priority());
	}

	/**
	 * Tell whether a workflow begins the moment it is created, so that this node may claim it as
	 * it creates it: not delayed and not under a queue's limits.
	 * @param options the start options
	 * @return {@code true} if it does
	 */
	static boolean beginsNow(StartOptions options) {
		return options.delay().isZero() && options.queue() == null;
	}

	/**
	 * Refuse a queue named by an entry point's {@code @DurableWorkflow}: none can be configured
	 * yet, so any queue named is unknown.
	 * @param workflow the entry point
	 * @throws DurableConfigurationException naming the queue and the entry point
	 */
	static void checkDeclaredQueue(WorkflowDefinition workflow) {
		DurableWorkflow declared = AnnotatedElementUtils.findMergedAnnotation(workflow.method(), DurableWorkflow.class);
		if (declared == null) {
			declared = AnnotatedElementUtils.findMergedAnnotation(workflow.beanClass(), DurableWorkflow.class);
		}
		if (declared != null && !declared.queue().isEmpty()) {
			throw new DurableConfigurationException("Workflow '" + workflow.type() + "' (" + workflow.describe()
					+ ") names queue '" + declared.queue() + "', which is not configured under durable.queues",
					"Remove queue = \"" + declared.queue() + "\" from its @DurableWorkflow: this version of Durable "
							+ "has no queues to configure.");
		}
	}

	/**
	 * Refuse a queue: none can be configured yet, so any queue named is unknown.
	 * @param options the start options
	 * @param workflow the entry point started
	 */
	static void checkQueue(StartOptions options, WorkflowDefinition workflow) {
		String queue = options.queue();
		if (queue != null) {
			throw new IllegalArgumentException("Workflow '" + options.id() + "' (type '" + workflow.type()
					+ "') names queue '" + queue + "', which is not configured under durable.queues");
		}
	}

}
