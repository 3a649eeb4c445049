package dev.durable.test;

import java.time.Duration;
import java.util.Optional;

import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowQueries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits in tests for a workflow to reach a status, failing after a deadline.
 */
public final class WorkflowAwaits {

	private WorkflowAwaits() {
	}

	/**
	 * Poll a workflow's status until it is the expected one.
	 * @param handle the workflow
	 * @param status the status to wait for
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void status(WorkflowHandle<?> handle, WorkflowStatus status, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (handle.status() != status) {
			assertThat(System.nanoTime()).as("waiting for status " + status).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	/**
	 * Poll a workflow's status until it is the expected one, by id: for a workflow that may not
	 * exist yet, such as a child its parent is about to start.
	 * @param queries read access to workflows
	 * @param workflowId the workflow's id
	 * @param status the status to wait for
	 * @param timeout how long to wait at most
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void status(WorkflowQueries queries, String workflowId, WorkflowStatus status, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (queries.find(workflowId).map((workflow) -> workflow.status() != status).orElse(true)) {
			assertThat(System.nanoTime()).as("waiting for " + workflowId + " to be " + status).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	/**
	 * Poll a workflow's journal until it holds an event of the given kind, failing at once if the
	 * workflow ends first.
	 * @param queries read access to the journal
	 * @param handle the workflow
	 * @param kind the event kind to wait for
	 * @param timeout how long to wait at most
	 * @return the first event of that kind
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static JournalEvent event(WorkflowQueries queries, WorkflowHandle<?> handle, EventKind kind,
			Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<JournalEvent> event = queries.journal(handle.workflowId())
				.stream()
				.filter((candidate) -> candidate.kind() == kind)
				.findFirst();
			if (event.isPresent()) {
				return event.get();
			}
			assertThat(handle.status().isTerminal()).as("workflow ended before recording " + kind + ": "
					+ queries.find(handle.workflowId()).map((workflow) -> workflow.error()).orElse(null)).isFalse();
			assertThat(System.nanoTime()).as("waiting for " + kind).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
