package dev.durable.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A workflow row of {@code durable_workflow}.
 */
@Entity(name = "DurableWorkflow")
@Table(name = "durable_workflow")
public class WorkflowEntity {

	@Id
	@Column(name = "id", length = 255)
	private String id;

	@Column(name = "type", nullable = false)
	private String type;

	@Column(name = "status", nullable = false, length = 16)
	private String status;

	@Column(name = "input", nullable = false)
	private String input;

	@Column(name = "result")
	private @Nullable String result;

	@Column(name = "error_type")
	private @Nullable String errorType;

	@Column(name = "error")
	private @Nullable String error;

	@Column(name = "owner")
	private @Nullable String owner;

	@Column(name = "run_token", length = 64)
	private @Nullable String runToken;

	@Column(name = "parent_id", length = 255)
	private @Nullable String parentId;

	@Column(name = "waiting_for", length = 300)
	private @Nullable String waitingFor;

	@Column(name = "cancel_requested", nullable = false)
	private boolean cancelRequested;

	@Column(name = "run_attempts", nullable = false)
	private int runAttempts;

	@Column(name = "last_run_error")
	private @Nullable String lastRunError;

	@Column(name = "due_at")
	private @Nullable Instant dueAt;

	@Column(name = "deadline_at")
	private @Nullable Instant deadlineAt;

	@Column(name = "priority", nullable = false)
	private int priority;

	// A queued workflow's queue, kept for its whole life: it holds a place from its first claim
	// (begun_at) to its end. Until that claim it has no due_at and waits from ready_at for room.
	@Column(name = "queue_name", length = 255)
	private @Nullable String queueName;

	@Column(name = "ready_at")
	private @Nullable Instant readyAt;

	@Column(name = "begun_at")
	private @Nullable Instant begunAt;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected WorkflowEntity() {
	}

	WorkflowEntity(String id, String type, String status, String input, Instant createdAt) {
		this.id = id;
		this.type = type;
		this.status = status;
		this.input = input;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	String getId() {
		return this.id;
	}

	String getType() {
		return this.type;
	}

	String getStatus() {
		return this.status;
	}

	String getInput() {
		return this.input;
	}

	@Nullable String getResult() {
		return this.result;
	}

	@Nullable String getErrorType() {
		return this.errorType;
	}

	@Nullable String getError() {
		return this.error;
	}

	@Nullable String getOwner() {
		return this.owner;
	}

	@Nullable String getParentId() {
		return this.parentId;
	}

	boolean isCancelRequested() {
		return this.cancelRequested;
	}

	void setParentId(@Nullable String parentId) {
		this.parentId = parentId;
	}

	@Nullable Instant getDueAt() {
		return this.dueAt;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void claim(String owner, String runToken, Instant leaseUntil) {
		this.owner = owner;
		this.runToken = runToken;
		this.dueAt = leaseUntil;
		// Claimed at creation for a run on the caller's thread: that run is the first.
		this.runAttempts = 1;
	}

	void setStatus(String status) {
		this.status = status;
	}

	void setDueAt(@Nullable Instant dueAt) {
		this.dueAt = dueAt;
	}

	@Nullable Instant getDeadlineAt() {
		return this.deadlineAt;
	}

	void setDeadlineAt(@Nullable Instant deadlineAt) {
		this.deadlineAt = deadlineAt;
	}

	int getPriority() {
		return this.priority;
	}

	void setPriority(int priority) {
		this.priority = priority;
	}

	/**
	 * Put this new pending workflow in a queue, to begin from {@code readyAt} once the queue has
	 * room.
	 */
	void queue(String queue, Instant ready) {
		this.queueName = queue;
		this.readyAt = ready;
		this.dueAt = null;
	}

	@Nullable String getQueueName() {
		return this.queueName;
	}

	@Nullable Instant getBegunAt() {
		return this.begunAt;
	}

}
