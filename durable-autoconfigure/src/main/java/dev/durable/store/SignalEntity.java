package dev.durable.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A signal of {@code durable_signal}, kept until the workflow consumes it.
 */
@Entity(name = "DurableSignal")
@Table(name = "durable_signal")
public class SignalEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	@Column(name = "id")
	private Long id;

	@Column(name = "workflow_id", nullable = false, length = 255)
	private String workflowId;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "payload")
	private @Nullable String payload;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "consumed_at")
	private @Nullable Instant consumedAt;

	protected SignalEntity() {
	}

	SignalEntity(String workflowId, String name, @Nullable String payload, Instant createdAt) {
		this.workflowId = workflowId;
		this.name = name;
		this.payload = payload;
		this.createdAt = createdAt;
	}

	@Nullable String getPayload() {
		return this.payload;
	}

	void consume(Instant now) {
		this.consumedAt = now;
	}

}
