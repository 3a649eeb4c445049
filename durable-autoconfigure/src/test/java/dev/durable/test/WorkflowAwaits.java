package dev.durable.test;

import java.time.Duration;

import dev.durable.WorkflowHandle;
import dev.durable.WorkflowStatus;

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

}
