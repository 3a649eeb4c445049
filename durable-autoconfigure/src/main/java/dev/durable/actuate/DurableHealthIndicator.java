package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import dev.durable.engine.journal.WorkflowQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Durable's health ({@code durable}): up while the journal's database answers, with this node's
 * worker state and the number of overdue workflows as details, and a warning when the journal is
 * in memory. Overdue workflows and a stopped
 * worker do not make it down: other nodes may run the workflows, and restarting this one would
 * not help.
 */
public class DurableHealthIndicator extends AbstractHealthIndicator {

	private final WorkflowQueries queries;

	private final Supplier<String> workerState;

	private final Duration overdueAfter;

	private final Clock clock;

	private final @Nullable String journalWarning;

	/**
	 * Create the indicator.
	 * @param queries the journal, counted to check the database
	 * @param workerState this node's worker: {@code running}, {@code stopped} or {@code disabled}
	 * @param overdueAfter how long past its due time a workflow that is not running counts as
	 * overdue
	 * @param clock the clock
	 */
	public DurableHealthIndicator(WorkflowQueries queries, Supplier<String> workerState, Duration overdueAfter,
			Clock clock) {
		this(queries, workerState, overdueAfter, clock, null);
	}

	/**
	 * Create the indicator.
	 * @param queries the journal, counted to check the database
	 * @param workerState this node's worker: {@code running}, {@code stopped} or {@code disabled}
	 * @param overdueAfter how long past its due time a workflow that is not running counts as
	 * overdue
	 * @param clock the clock
	 * @param journalWarning why the journal is not durable, shown as the {@code journal} detail, or
	 * {@code null} if it is; the status stays up either way
	 */
	public DurableHealthIndicator(WorkflowQueries queries, Supplier<String> workerState, Duration overdueAfter,
			Clock clock, @Nullable String journalWarning) {
		super("Durable health check failed: the journal's database did not answer");
		this.queries = queries;
		this.workerState = workerState;
		this.overdueAfter = overdueAfter;
		this.clock = clock;
		this.journalWarning = journalWarning;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long overdue = this.queries.countOverdue(this.clock.instant().minus(this.overdueAfter));
		builder.up()
			.withDetail("worker", this.workerState.get())
			.withDetail("overdue", overdue)
			.withDetail("overdueAfter", this.overdueAfter.toString());
		if (this.journalWarning != null) {
			builder.withDetail("journal", this.journalWarning);
		}
	}

}
