package dev.durable.testing;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link WorkflowReplayer} found: one entry per replayed workflow, in the order replayed.
 * @param entries the outcome of each workflow's replay
 */
public record ReplayReport(List<Entry> entries) {

	/**
	 * Validate the report.
	 */
	public ReplayReport {
		entries = List.copyOf(entries);
	}

	/**
	 * Tell whether the current code made the recorded calls for every workflow replayed.
	 * @return {@code true} if every replay matched its journal
	 */
	public boolean deterministic() {
		return this.entries.stream().allMatch(Entry::deterministic);
	}

	/**
	 * Return the workflows whose replay met a call the journal did not record.
	 * @return the failed entries
	 */
	public List<Entry> failures() {
		return this.entries.stream().filter((entry) -> !entry.deterministic()).toList();
	}

	/**
	 * Fail a test unless every replay matched its journal and at least one workflow was replayed.
	 * @throws AssertionError naming each workflow that did not replay, where its journal came
	 * from, and the step and calls that differ
	 */
	public void assertDeterministic() {
		if (this.entries.isEmpty()) {
			throw new AssertionError("No workflow was replayed: the journals given were empty or not found");
		}
		List<Entry> failures = failures();
		if (!failures.isEmpty()) {
			StringBuilder message = new StringBuilder(failures.size() + " of " + this.entries.size()
					+ " recorded workflow(s) do not replay on the current code; deploying it would stop them with "
					+ "NonDeterministicWorkflowException. Keep the old code path for them with Workflow.getVersion:");
			for (Entry failure : failures) {
				message.append("\n- ").append(failure);
			}
			throw new AssertionError(message.toString());
		}
	}

	/**
	 * The replay of one workflow.
	 * @param workflowId the workflow
	 * @param type its workflow type
	 * @param source where its journal came from: a file, or the application's database
	 * @param deterministic whether the current code made the recorded calls
	 * @param detail how far it replayed, or the step where the code and the journal differ
	 */
	public record Entry(String workflowId, String type, String source, boolean deterministic, String detail) {

		/**
		 * Validate the entry.
		 */
		public Entry {
			Objects.requireNonNull(workflowId, "workflowId");
			Objects.requireNonNull(type, "type");
			Objects.requireNonNull(source, "source");
			Objects.requireNonNull(detail, "detail");
		}

		@Override
		public String toString() {
			return "workflow '" + this.workflowId + "' (" + this.type + ", from " + this.source + "): " + this.detail;
		}

	}

}
