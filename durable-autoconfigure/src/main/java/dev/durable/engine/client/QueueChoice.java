package dev.durable.engine.client;

import java.util.stream.Collectors;

import dev.durable.StartOptions;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.run.EngineSettings;
import org.jspecify.annotations.Nullable;

/**
 * Which queue a new workflow waits in: the one its {@link StartOptions} name, else the one its
 * entry point's {@code @DurableWorkflow} declares, else none. A queue must be configured under
 * {@code durable.queues}: a declared one that is not fails start-up, a named one fails the start.
 */
final class QueueChoice {

	private QueueChoice() {
	}

	/**
	 * Choose the queue of a workflow started with options.
	 * @param options the start options
	 * @param workflow the entry point started
	 * @param settings the engine settings, with the configured queues
	 * @return the queue's name, or null for none
	 * @throws IllegalArgumentException naming the queue if it is not configured
	 */
	static @Nullable String of(StartOptions options, WorkflowDefinition workflow, EngineSettings settings) {
		String queue = (options.queue() != null) ? options.queue() : workflow.declaredQueue();
		if (queue != null && settings.queue(queue) == null) {
			throw new IllegalArgumentException("Workflow '" + options.id() + "' (type '" + workflow.type()
					+ "') names queue '" + queue + "', which is not configured under durable.queues ("
					+ configured(settings) + "); configure durable.queues." + queue + ".* or name a configured queue");
		}
		return queue;
	}

	/**
	 * Refuse an entry point whose {@code @DurableWorkflow} names a queue that is not configured.
	 * @param workflow the entry point
	 * @param settings the engine settings, with the configured queues
	 * @throws DurableConfigurationException naming the queue and the entry point
	 */
	static void checkDeclared(WorkflowDefinition workflow, EngineSettings settings) {
		String queue = workflow.declaredQueue();
		if (queue != null && settings.queue(queue) == null) {
			throw new DurableConfigurationException("Workflow '" + workflow.type() + "' (" + workflow.describe()
					+ ") names queue '" + queue + "', which is not configured under durable.queues ("
					+ configured(settings) + ")",
					"Configure the queue, e.g. durable.queues." + queue + ".concurrency=10, or remove queue = \""
							+ queue + "\" from its @DurableWorkflow.");
		}
	}

	private static String configured(EngineSettings settings) {
		return settings.queues().isEmpty() ? "none is"
				: "configured: " + settings.queues().stream().map(QueueLimits::name).collect(Collectors.joining(", "));
	}

}
