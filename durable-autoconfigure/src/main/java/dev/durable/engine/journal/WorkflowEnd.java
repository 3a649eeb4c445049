package dev.durable.engine.journal;

import java.util.Objects;

import dev.durable.WorkflowCancelledException;
import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * How a workflow ended, as its row keeps it: completed with a result, failed with an error, or
 * cancelled. One value instead of a status and three columns that only some statuses fill, so
 * that a failure without an error, or a result on a failure, cannot be written.
 */
public sealed interface WorkflowEnd permits WorkflowEnd.Completed, WorkflowEnd.Failed, WorkflowEnd.Cancelled {

	/**
	 * The terminal status of the workflow.
	 * @return the status
	 */
	WorkflowStatus status();

	/**
	 * The JSON result kept with the workflow.
	 * @return the result, or null if the entry point returns nothing or the workflow failed
	 */
	default @Nullable String result() {
		return null;
	}

	/**
	 * The class name of the error that ended the workflow.
	 * @return the error type, or null unless it failed
	 */
	default @Nullable String errorType() {
		return null;
	}

	/**
	 * The message of the error that ended the workflow, storable ({@link ErrorText}).
	 * @return the error, or null unless it failed or was cancelled because its timeout passed
	 */
	default @Nullable String error() {
		return null;
	}

	/**
	 * The entry point returned.
	 * @param result the JSON of its return value, or null for a {@code void} entry point
	 */
	record Completed(@Nullable String result) implements WorkflowEnd {

		@Override
		public WorkflowStatus status() {
			return WorkflowStatus.COMPLETED;
		}

	}

	/**
	 * The entry point threw, or the code no longer replays its journal.
	 * @param errorType the class name of the error
	 * @param error the error's message, storable ({@link ErrorText})
	 */
	record Failed(String errorType, String error) implements WorkflowEnd {

		/**
		 * Check that the failure names its error.
		 */
		public Failed {
			Objects.requireNonNull(errorType, "errorType");
			Objects.requireNonNull(error, "error");
		}

		@Override
		public WorkflowStatus status() {
			return WorkflowStatus.FAILED;
		}

	}

	/**
	 * Cancellation was requested and delivered to the run, which then ended.
	 * @param result the JSON of what the entry point returned after the cancellation, or null if it
	 * threw or returns nothing
	 * @param error why, when the workflow was cancelled because its timeout passed; null for a
	 * cancellation requested by {@code WorkflowClient.cancel}
	 */
	record Cancelled(@Nullable String result, @Nullable String error) implements WorkflowEnd {

		/**
		 * A cancellation requested by {@code WorkflowClient.cancel}.
		 * @param result the JSON of what the entry point returned after the cancellation, or null
		 */
		public Cancelled(@Nullable String result) {
			this(result, null);
		}

		@Override
		public WorkflowStatus status() {
			return WorkflowStatus.CANCELLED;
		}

		@Override
		public @Nullable String errorType() {
			return (this.error != null) ? WorkflowCancelledException.class.getName() : null;
		}

	}

}
