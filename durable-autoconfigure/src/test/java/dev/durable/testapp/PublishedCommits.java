package dev.durable.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.durable.engine.observe.WorkflowEventListener;

import org.springframework.stereotype.Component;

/**
 * Notes when this node's engine reports a published value committed, for tests that measure how
 * soon a waiting reader sees it.
 */
@Component
public class PublishedCommits implements WorkflowEventListener {

	private final Map<String, Long> committedAt = new ConcurrentHashMap<>();

	@Override
	public void eventPublished(String workflowId, String key) {
		this.committedAt.putIfAbsent(workflowId + "/" + key, System.nanoTime());
	}

	/**
	 * When the first value of a key was reported committed, as {@link System#nanoTime()}.
	 * @param workflowId the workflow id
	 * @param key the key
	 * @return the time, or null if not yet
	 */
	public Long committedAt(String workflowId, String key) {
		return this.committedAt.get(workflowId + "/" + key);
	}

}
