package dev.durable.engine;

import java.time.Duration;
import java.util.List;

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
		for (WorkflowEventListener listener : this.listeners) {
			try {
				listener.workflowStarted(workflowId, type);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void workflowEnded(String workflowId, String type, WorkflowStatus status) {
		for (WorkflowEventListener listener : this.listeners) {
			try {
				listener.workflowEnded(workflowId, type, status);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void activityAttempted(String activityName, int attempt, @Nullable Throwable failure, Duration duration) {
		for (WorkflowEventListener listener : this.listeners) {
			try {
				listener.activityAttempted(activityName, attempt, failure, duration);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void workflowRunsExhausted(String workflowId, String type, int runs) {
		for (WorkflowEventListener listener : this.listeners) {
			try {
				listener.workflowRunsExhausted(workflowId, type, runs);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void workflowClaimed(String workflowId, Duration lag) {
		for (WorkflowEventListener listener : this.listeners) {
			try {
				listener.workflowClaimed(workflowId, lag);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(WorkflowEventListener listener, RuntimeException ex) {
		logger.warn("WorkflowEventListener " + listener.getClass().getName() + " failed; ignored", ex);
	}

}
