package dev.durable.store;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;

/**
 * A write about one running workflow that needs no other work in its transaction, so that it can
 * share a commit with the writes of other workflows.
 */
sealed interface JournalWrite {

	/**
	 * The workflow written about.
	 * @return its id
	 */
	String workflowId();

	/**
	 * A workflow created already claimed by the caller that runs it (a direct call): its row and its
	 * {@code WORKFLOW_STARTED} event.
	 * @param workflow the claimed workflow
	 * @param startEvent its first event
	 */
	record Create(NewWorkflow workflow, JournalEvent startEvent) implements JournalWrite {

		@Override
		public String workflowId() {
			return this.workflow.id();
		}

	}

	/**
	 * A step's event, made only while the claim holds.
	 * @param claim the claim
	 * @param event the event
	 */
	record Append(ClaimedWorkflow claim, JournalEvent event) implements JournalWrite {

		@Override
		public String workflowId() {
			return this.claim.workflowId();
		}

	}

	/**
	 * The end of a workflow that has no parent to wake: final status and event, claim dropped.
	 * @param claim the claim
	 * @param end how it ended
	 * @param event the final event
	 */
	record Finish(ClaimedWorkflow claim, WorkflowEnd end, JournalEvent event) implements JournalWrite {

		@Override
		public String workflowId() {
			return this.claim.workflowId();
		}

	}

}
