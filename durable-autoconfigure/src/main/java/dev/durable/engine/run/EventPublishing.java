package dev.durable.engine.run;

import java.util.List;

import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;

/**
 * A {@code Workflow.setEvent} step: the value's {@code EVENT_PUBLISHED} record and the key's
 * latest value, written in one transaction; a replay finds the record and writes nothing. Readers
 * on this node are woken once the write has committed ({@link PublishedEvents}).
 */
final class EventPublishing {

	private static final int MAX_KEY_LENGTH = 255;

	private EventPublishing() {
	}

	static void publish(WorkflowExecution execution, String key, Object value) {
		if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("An event key must be 1 to " + MAX_KEY_LENGTH
					+ " characters, not blank; workflow '" + execution.workflowId() + "' published one of "
					+ ((key == null) ? "null" : key.length() + " characters: \"" + shortened(key) + "\""));
		}
		if (value == null) {
			throw new IllegalArgumentException("Workflow '" + execution.workflowId() + "' published event '" + key
					+ "' without a value; getEvent returns empty only while a key is unset, so publish a value "
					+ "(an enum or a record saying \"none\", say)");
		}
		int step = execution.nextStep();
		List<JournalEvent> recorded = execution.recorded(step, key, EventKind.EVENT_PUBLISHED);
		if (!recorded.isEmpty()) {
			return;
		}
		String json = write(execution, key, value);
		execution.ensureLive();
		// The position is taken, not peeked: activity futures may record at the same time.
		JournalEvent event = new JournalEvent(execution.journal().takeSeq(), step, EventKind.EVENT_PUBLISHED, key, 0, null, json,
				null, null, execution.now());
		EngineContext engine = execution.engine();
		boolean cancelNow;
		try {
			cancelNow = engine.store().publish(execution.claim(), event);
		}
		catch (RuntimeException ex) {
			throw new RunAbandonedError(ex);
		}
		execution.journal().add(event);
		if (cancelNow) {
			execution.cancellation().request();
		}
		String workflowId = execution.workflowId();
		AfterCommit.run(() -> engine.events().eventPublished(workflowId, key));
	}

	private static String write(WorkflowExecution execution, String key, Object value) {
		try {
			return execution.engine().codec().writeResult("event '" + key + "'", value.getClass(), value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Workflow '" + execution.workflowId() + "' cannot publish event '" + key
					+ "': its value of type " + value.getClass().getName() + " cannot be written as JSON ("
					+ ex.getMessage() + "). Nothing was recorded; publish a value Jackson can write and read back, "
					+ "such as a record, an enum or a text", ex);
		}
	}

	private static String shortened(String key) {
		return (key.length() > 40) ? key.substring(0, 40) + "..." : key;
	}

}
