package dev.durable.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.NodeClaims;
import dev.durable.engine.journal.QueueCount;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.journal.ScheduleRecord;
import dev.durable.engine.journal.SignalCheck;
import dev.durable.engine.journal.Throughput;
import dev.durable.engine.journal.WorkflowClaims;
import dev.durable.engine.journal.WorkflowCommands;
import dev.durable.engine.journal.WorkflowCount;
import dev.durable.engine.journal.WorkflowCursor;
import dev.durable.engine.journal.WorkflowDeadlines;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowFilter;
import dev.durable.engine.journal.WorkflowJournal;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowQueues;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.journal.WorkflowSchedules;
import dev.durable.engine.journal.WorkflowStore;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;

/**
 * The journal on JPA, in the application's own persistence unit and transactions: one class per
 * role of the store ({@link JpaWorkflowJournal}, {@link JpaWorkflowClaims},
 * {@link JpaWorkflowCommands}, {@link JpaWorkflowQueries}), composed here for the engine's wiring.
 * One transaction per write; an activity's completion is one fenced insert.
 */
public class JpaWorkflowStore implements WorkflowStore {

	private final WorkflowJournal journal;

	private final WorkflowClaims claims;

	private final WorkflowCommands commands;

	private final WorkflowQueries queries;

	private final WorkflowDeadlines deadlines;

	private final WorkflowSchedules schedules;

	private final WorkflowQueues queues;

	/**
	 * Create the store, with one transaction per write.
	 * @param entityManager a shared, transaction-bound entity manager of the application
	 * @param transactionManager the application's transaction manager for that persistence unit
	 * @param dialect what differs between the supported databases
	 * @param clock the clock for change timestamps
	 */
	public JpaWorkflowStore(EntityManager entityManager, PlatformTransactionManager transactionManager,
			StoreDialect dialect, Clock clock) {
		this(entityManager, transactionManager, dialect, clock, null, 0, 0);
	}

	/**
	 * Create the store. With a data source for group commit, the writes of running workflows that
	 * are made outside any transaction (a step's record, a direct call's start, the end of a
	 * workflow without parent) share transactions with the concurrent writes of other workflows;
	 * writes inside a transaction (a {@code @Transactional} activity's completion, a start in the
	 * caller's transaction) stay in it.
	 * @param entityManager a shared, transaction-bound entity manager of the application
	 * @param transactionManager the application's transaction manager for that persistence unit
	 * @param dialect what differs between the supported databases
	 * @param clock the clock for change timestamps
	 * @param groupCommitDataSource the persistence unit's data source, or null for no group commit; with it,
	 * a run's load outside a transaction also reads on its own connection, without a transaction
	 * @param groupCommitMaxBatch the most writes one shared transaction takes
	 * @param groupCommitMaxInFlight the most shared transactions written at once
	 */
	public JpaWorkflowStore(EntityManager entityManager, PlatformTransactionManager transactionManager,
			StoreDialect dialect, Clock clock, @Nullable DataSource groupCommitDataSource, int groupCommitMaxBatch,
			int groupCommitMaxInFlight) {
		this(new StoreAccess(entityManager, transactionManager, dialect, clock, groupCommitDataSource,
				groupCommitMaxBatch, groupCommitMaxInFlight));
	}

	private JpaWorkflowStore(StoreAccess access) {
		this.journal = new JpaWorkflowJournal(access);
		this.claims = new JpaWorkflowClaims(access);
		this.commands = new JpaWorkflowCommands(access);
		this.queries = new JpaWorkflowQueries(access);
		this.deadlines = new JpaWorkflowDeadlines(access);
		this.schedules = new JpaWorkflowSchedules(access);
		this.queues = new JpaWorkflowQueues(access);
	}

	@Override
	public List<ClaimedRun> claimQueued(QueueLimits queue, String nodeId, Instant now, Instant leaseUntil,
			int limit) {
		return this.queues.claimQueued(queue, nodeId, now, leaseUntil, limit);
	}

	@Override
	public List<QueueCount> countQueues() {
		return this.queues.countQueues();
	}

	@Override
	public void registerSchedule(String name, String cron, String zone, Instant nextFireAt, Instant now) {
		this.schedules.registerSchedule(name, cron, zone, nextFireAt, now);
	}

	@Override
	public boolean fireSchedule(String name, Instant now, UnaryOperator<ScheduleRecord> fire) {
		return this.schedules.fireSchedule(name, now, fire);
	}

	@Override
	public List<ScheduleRecord> schedules() {
		return this.schedules.schedules();
	}

	@Override
	public boolean pauseSchedule(String name, boolean paused, Instant nextFireAt, Instant now) {
		return this.schedules.pauseSchedule(name, paused, nextFireAt, now);
	}

	@Override
	public List<String> cancelPastDeadlines(Instant now, int limit) {
		return this.deadlines.cancelPastDeadlines(now, limit);
	}

	@Override
	public Optional<Instant> deadline(String workflowId) {
		return this.deadlines.deadline(workflowId);
	}

	@Override
	public boolean create(NewWorkflow workflow) {
		return this.journal.create(workflow);
	}

	@Override
	public Optional<LoadedWorkflow> load(String id) {
		return this.journal.load(id);
	}

	@Override
	public boolean append(ClaimedWorkflow claim, JournalEvent event) {
		return this.journal.append(claim, event);
	}

	@Override
	public boolean publish(ClaimedWorkflow claim, JournalEvent event) {
		return this.journal.publish(claim, event);
	}

	@Override
	public void finish(ClaimedWorkflow claim, WorkflowEnd end, @Nullable JournalEvent lastStep, JournalEvent event,
			@Nullable String parentId) {
		this.journal.finish(claim, end, lastStep, event, parentId);
	}

	@Override
	public void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor) {
		this.journal.suspend(claim, wakeAt, waitingFor);
	}

	@Override
	public void park(ClaimedWorkflow claim, Instant wakeAt, @Nullable String waitingFor) {
		this.journal.park(claim, wakeAt, waitingFor);
	}

	@Override
	public void wakeParked(ClaimedWorkflow claim, Instant now) {
		this.journal.wakeParked(claim, now);
	}

	@Override
	public void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil) {
		this.journal.startChild(claim, child, parentEvent, leaseUntil);
	}

	@Override
	public void recordAbandonedRun(ClaimedWorkflow claim, String error) {
		this.journal.recordAbandonedRun(claim, error);
	}

	@Override
	public Optional<String> lastRunError(String workflowId) {
		return this.journal.lastRunError(workflowId);
	}

	@Override
	public List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		return this.claims.claimDue(nodeId, now, leaseUntil, limit);
	}

	@Override
	public Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		return this.claims.renewLeases(claims, leaseUntil);
	}

	@Override
	public void release(ClaimedWorkflow claim, Instant dueAt) {
		this.claims.release(claim, dueAt);
	}

	@Override
	public int recoverRunning(@Nullable String nodeId, Instant now) {
		return this.claims.recoverRunning(nodeId, now);
	}

	@Override
	public boolean isEmbedded() {
		return this.claims.isEmbedded();
	}

	@Override
	public Delivery sendSignal(String workflowId, String name, String payload, Instant now) {
		return this.commands.sendSignal(workflowId, name, payload, now);
	}

	@Override
	public List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step, Instant now,
			Instant leaseUntil, SignalCheck check) {
		return this.commands.takeSignal(claim, name, seq, step, now, leaseUntil, check);
	}

	@Override
	public Delivery requestCancel(String workflowId, Instant now) {
		return this.commands.requestCancel(workflowId, now);
	}

	@Override
	public RetryOutcome retry(String workflowId, Instant now) {
		return this.commands.retry(workflowId, now);
	}

	@Override
	public int deleteEnded(Instant endedBefore, int limit) {
		return this.commands.deleteEnded(endedBefore, limit);
	}

	@Override
	public Optional<WorkflowRecord> find(String id) {
		return this.queries.find(id);
	}

	@Override
	public Optional<WorkflowStatus> status(String id) {
		return this.queries.status(id);
	}

	@Override
	public List<JournalEvent> journal(String id) {
		return this.queries.journal(id);
	}

	@Override
	public Optional<String> published(String id, String key) {
		return this.queries.published(id, key);
	}

	@Override
	public Map<String, String> published(String id) {
		return this.queries.published(id);
	}

	@Override
	public List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit) {
		return this.queries.recent(status, limit);
	}

	@Override
	public List<WorkflowRecord> list(WorkflowFilter filter, int limit) {
		return this.queries.list(filter, limit);
	}

	@Override
	public List<WorkflowRecord> page(WorkflowFilter filter, @Nullable WorkflowCursor after, int limit) {
		return this.queries.page(filter, after, limit);
	}

	@Override
	public List<WorkflowCount> countByTypeAndStatus() {
		return this.queries.countByTypeAndStatus();
	}

	@Override
	public Throughput throughput(Instant from, int minutes) {
		return this.queries.throughput(from, minutes);
	}

	@Override
	public List<WorkflowRecord> overdue(Instant dueBefore, int limit) {
		return this.queries.overdue(dueBefore, limit);
	}

	@Override
	public List<NodeClaims> nodes() {
		return this.queries.nodes();
	}

	@Override
	public Map<WorkflowStatus, Long> countByStatus() {
		return this.queries.countByStatus();
	}

	@Override
	public long countOverdue(Instant dueBefore) {
		return this.queries.countOverdue(dueBefore);
	}

}
