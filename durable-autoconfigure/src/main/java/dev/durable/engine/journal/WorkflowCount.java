package dev.durable.engine.journal;

import dev.durable.WorkflowStatus;

/**
 * How many workflows of one type have one status.
 * @param type the workflow type
 * @param status the status
 * @param count how many
 */
public record WorkflowCount(String type, WorkflowStatus status, long count) {

	/**
	 * Validate the count.
	 */
	public WorkflowCount {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, was " + count);
		}
	}

}
