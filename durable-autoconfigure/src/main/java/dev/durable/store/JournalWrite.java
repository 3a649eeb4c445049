package dev.durable.store;

import java.util.List;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import org.jspecify.annotations.Nullable;

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
	 * The journal events this write inserts if it is made, in the order of their positions.
	 * @return the events
	 */
	List<JournalEvent> events();

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

		@Override
		public List<JournalEvent> events() {
			return List.of(this.startEvent);
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

		@Override
		public List<JournalEvent> events() {
			return List.of(this.event);
		}

	}

	/**
	 * The end of a workflow that has no parent to wake: final status and event, claim dropped;
	 * with the run's last step, when its event was held back to be written with the end (one
	 * commit for both, made only if the claim holds).
	 * @param claim the claim
	 * @param end how it ended
	 * @param lastStep the last step's event, not yet written, or null
	 * @param event the final event
	 */
	record Finish(ClaimedWorkflow claim, WorkflowEnd end, @Nullable JournalEvent lastStep,
			JournalEvent event) implements JournalWrite {

		Finish(ClaimedWorkflow claim, WorkflowEnd end, JournalEvent event) {
			this(claim, end, null, event);
		}

		@Override
		public String workflowId() {
			return this.claim.workflowId();
		}

		@Override
		public List<JournalEvent> events() {
			return (this.lastStep != null) ? List.of(this.lastStep, this.event) : List.of(this.event);
		}

	}

}
