package dev.durable.engine.observe;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.durable.WorkflowStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of an engine as one: each is called in order, and one that throws is logged and
 * skipped so that observing a workflow can never break it.
 */
public final class WorkflowEventListeners implements WorkflowEventListener {

	/** No listeners. */
	public static final WorkflowEventListeners NONE = new WorkflowEventListeners(List.of());

	private static final Log logger = LogFactory.getLog(WorkflowEventListeners.class);

	private final List<WorkflowEventListener> listeners;

	/**
	 * Combine listeners.
	 * @param listeners the listeners, in the order to call them
	 */
	public WorkflowEventListeners(List<? extends WorkflowEventListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void workflowStarted(String workflowId, String type) {
		each((listener) -> listener.workflowStarted(workflowId, type));
	}

	@Override
	public void workflowEnded(String workflowId, String type, WorkflowStatus status) {
		each((listener) -> listener.workflowEnded(workflowId, type, status));
	}

	@Override
	public void activityAttempted(String activityName, int attempt, @Nullable Throwable failure, Duration duration) {
		each((listener) -> listener.activityAttempted(activityName, attempt, failure, duration));
	}

	@Override
	public void workflowRunsExhausted(String workflowId, String type, int runs) {
		each((listener) -> listener.workflowRunsExhausted(workflowId, type, runs));
	}

	@Override
	public void workflowClaimed(String workflowId, Duration lag) {
		each((listener) -> listener.workflowClaimed(workflowId, lag));
	}

	@Override
	public void eventPublished(String workflowId, String key) {
		each((listener) -> listener.eventPublished(workflowId, key));
	}

	private void each(Consumer<WorkflowEventListener> event) {
		for (WorkflowEventListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("WorkflowEventListener " + listener.getClass().getName() + " failed; ignored", ex);
			}
		}
	}

}
