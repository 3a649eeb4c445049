package dev.durable.engine.journal;

import java.time.Instant;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * A workflow's row as the store holds it. Built with {@link #builder}, which names the parts a row
 * may lack, or derived from another row ({@link #ended}); the canonical constructor takes every
 * part by position.
 * @param id the workflow id
 * @param type the workflow type name
 * @param status the current status
 * @param input the JSON array of the entry point's arguments
 * @param result the JSON result once completed
 * @param errorType the class name of the error that ended it, if any
 * @param error the error message, if any
 * @param owner the node running it, while running
 * @param dueAt when a worker should (re)claim it: start, wake-up or lease expiry; null when ended
 * @param parentId the workflow that started this one as a child, if any
 * @param cancelRequested whether cancellation was requested
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record WorkflowRecord(String id, String type, WorkflowStatus status, String input, @Nullable String result,
		@Nullable String errorType, @Nullable String error, @Nullable String owner, @Nullable Instant dueAt,
		@Nullable String parentId, boolean cancelRequested, Instant createdAt, Instant updatedAt) {

	/**
	 * Start building a row from the parts every row has. Until set, it has no result, error, owner,
	 * due time or parent, no cancellation was requested, and it last changed when it was created.
	 * @param id the workflow id
	 * @param type the workflow type name
	 * @param status the current status
	 * @param input the JSON array of the entry point's arguments
	 * @param createdAt when it was created
	 * @return a builder
	 */
	public static Builder builder(String id, String type, WorkflowStatus status, String input, Instant createdAt) {
		return new Builder(id, type, status, input, createdAt);
	}

	/**
	 * This workflow as its row reads once it ended: the end's status, result and error, no owner and
	 * nothing due.
	 * @param end how it ended
	 * @param at when it ended
	 * @return the ended row
	 */
	public WorkflowRecord ended(WorkflowEnd end, Instant at) {
		return new WorkflowRecord(this.id, this.type, end.status(), this.input, end.result(), end.errorType(),
				end.error(), null, null, this.parentId, this.cancelRequested, this.createdAt, at);
	}

	/**
	 * Builds a {@link WorkflowRecord} part by part, so that a row is not built by position.
	 */
	public static final class Builder {

		private final String id;

		private final String type;

		private final WorkflowStatus status;

		private final String input;

		private final Instant createdAt;

		private @Nullable String result;

		private @Nullable String errorType;

		private @Nullable String error;

		private @Nullable String owner;

		private @Nullable Instant dueAt;

		private @Nullable String parentId;

		private boolean cancelRequested;

		private Instant updatedAt;

		private Builder(String id, String type, WorkflowStatus status, String input, Instant createdAt) {
			this.id = id;
			this.type = type;
			this.status = status;
			this.input = input;
			this.createdAt = createdAt;
			this.updatedAt = createdAt;
		}

		/**
		 * Set the JSON result.
		 * @param result the result, or null
		 * @return this builder
		 */
		public Builder result(@Nullable String result) {
			this.result = result;
			return this;
		}

		/**
		 * Set the error that ended the workflow.
		 * @param errorType the error's class name, or null
		 * @param error the error's message, or null
		 * @return this builder
		 */
		public Builder error(@Nullable String errorType, @Nullable String error) {
			this.errorType = errorType;
			this.error = error;
			return this;
		}

		/**
		 * Set the node running the workflow.
		 * @param owner the node id, or null
		 * @return this builder
		 */
		public Builder owner(@Nullable String owner) {
			this.owner = owner;
			return this;
		}

		/**
		 * Set when a worker should (re)claim the workflow.
		 * @param dueAt the time, or null when it ended
		 * @return this builder
		 */
		public Builder dueAt(@Nullable Instant dueAt) {
			this.dueAt = dueAt;
			return this;
		}

		/**
		 * Set the workflow that started this one as a child.
		 * @param parentId the parent's id, or null
		 * @return this builder
		 */
		public Builder parentId(@Nullable String parentId) {
			this.parentId = parentId;
			return this;
		}

		/**
		 * Set whether cancellation was requested.
		 * @param cancelRequested whether it was
		 * @return this builder
		 */
		public Builder cancelRequested(boolean cancelRequested) {
			this.cancelRequested = cancelRequested;
			return this;
		}

		/**
		 * Set when the workflow last changed.
		 * @param updatedAt the time
		 * @return this builder
		 */
		public Builder updatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		/**
		 * Build the row.
		 * @return the row
		 */
		public WorkflowRecord build() {
			return new WorkflowRecord(this.id, this.type, this.status, this.input, this.result, this.errorType,
					this.error, this.owner, this.dueAt, this.parentId, this.cancelRequested, this.createdAt,
					this.updatedAt);
		}

	}

}
