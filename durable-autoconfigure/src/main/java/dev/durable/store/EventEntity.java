package dev.durable.store;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A journal event row of {@code durable_event}; the key (workflow id, seq) is what keeps two
 * nodes from ever both recording the same position.
 */
@Entity(name = "DurableEvent")
@Table(name = "durable_event")
@IdClass(EventEntity.Key.class)
public class EventEntity {

	@Id
	@Column(name = "workflow_id", length = 255)
	private String workflowId;

	@Id
	@Column(name = "seq")
	private long seq;

	@Column(name = "step", nullable = false)
	private int step;

	@Column(name = "kind", nullable = false, length = 32)
	private String kind;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "attempt", nullable = false)
	private int attempt;

	@Column(name = "input")
	private @Nullable String input;

	@Column(name = "output")
	private @Nullable String output;

	@Column(name = "error_type")
	private @Nullable String errorType;

	@Column(name = "error")
	private @Nullable String error;

	@Column(name = "recorded_at", nullable = false)
	private Instant recordedAt;

	@Column(name = "started_at")
	private @Nullable Instant startedAt;

	protected EventEntity() {
	}

	EventEntity(String workflowId, long seq, int step, String kind, String name, int attempt, @Nullable String input,
			@Nullable String output, @Nullable String errorType, @Nullable String error, Instant recordedAt,
			@Nullable Instant startedAt) {
		this.workflowId = workflowId;
		this.seq = seq;
		this.step = step;
		this.kind = kind;
		this.name = name;
		this.attempt = attempt;
		this.input = input;
		this.output = output;
		this.errorType = errorType;
		this.error = error;
		this.recordedAt = recordedAt;
		this.startedAt = startedAt;
	}

	/**
	 * The composite key of an event.
	 */
	public static class Key implements Serializable {

		private static final long serialVersionUID = 1L;

		private String workflowId;

		private long seq;

		/**
		 * Create an empty key, for JPA.
		 */
		public Key() {
		}

		Key(String workflowId, long seq) {
			this.workflowId = workflowId;
			this.seq = seq;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Key key && key.seq == this.seq && Objects.equals(key.workflowId, this.workflowId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.workflowId, this.seq);
		}

	}

}
