package dev.durable.engine.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.NodeClaims;
import dev.durable.engine.journal.SignalCheck;
import dev.durable.engine.journal.Throughput;
import dev.durable.engine.journal.Waits;
import dev.durable.engine.journal.WorkflowCount;
import dev.durable.engine.journal.WorkflowCursor;
import dev.durable.engine.journal.WorkflowEnd;
import dev.durable.engine.journal.WorkflowFilter;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.journal.WorkflowStore;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;

/**
 * A {@link WorkflowStore} in memory, for engine unit tests that must run in milliseconds without
 * a database. It keeps the rules the engine relies on, as the JPA store does: every write about a
 * running workflow presents the claim's run token and fails with {@link LeaseLostException} once
 * another claim replaced it, and the journal holds at most one event per (workflow, seq), refusing
 * a second with {@link DuplicateKeyException} as a unique key would. Its monitor orders all access,
 * as the row locks of the database order the writes about one workflow.
 *
 * <p>What the unit tests do not need (child workflows, cancellation, lease renewal, recovery,
 * retries of failed workflows, retention, listings) throws {@link UnsupportedOperationException}.
 */
class InMemoryJournal implements WorkflowStore {

	private final Clock clock;

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final Map<String, TreeMap<Long, JournalEvent>> events = new LinkedHashMap<>();

	private final List<Signal> signals = new ArrayList<>();

	private final Map<String, TreeMap<String, String>> published = new LinkedHashMap<>();

	/**
	 * Create an empty journal.
	 * @param clock the clock of the writes that take no time from the engine (suspend, release)
	 */
	InMemoryJournal(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized boolean create(NewWorkflow workflow) {
		if (this.rows.containsKey(workflow.id())) {
			return false;
		}
		Row row = new Row(workflow);
		this.rows.put(row.id(), row);
		insert(row.id(), new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, workflow.input(), null,
				null, null, workflow.createdAt()));
		return true;
	}

	@Override
	public synchronized Optional<LoadedWorkflow> load(String id) {
		return Optional.ofNullable(this.rows.get(id)).map((row) -> new LoadedWorkflow(row.record(), journal(id)));
	}

	@Override
	public synchronized boolean append(ClaimedWorkflow claim, JournalEvent event) {
		Row row = fenced(claim);
		insert(row.id(), event);
		return row.cancelRequested;
	}

	@Override
	public synchronized boolean publish(ClaimedWorkflow claim, JournalEvent event) {
		boolean cancelRequested = append(claim, event);
		this.published.computeIfAbsent(claim.workflowId(), (id) -> new TreeMap<>()).put(event.name(), event.output());
		return cancelRequested;
	}

	@Override
	public synchronized void finish(ClaimedWorkflow claim, WorkflowEnd end, @Nullable JournalEvent lastStep,
			JournalEvent event, @Nullable String parentId) {
		Row row = fenced(claim);
		if (lastStep != null) {
			insert(row.id(), lastStep);
		}
		insert(row.id(), event);
		row.end = end;
		row.hand(end.status(), null, null, event.timestamp());
		row.runAttempts = 0;
		row.lastRunError = null;
		if (parentId != null) {
			wakeIfWaiting(parentId, Waits.child(row.id()), event.timestamp());
		}
	}

	@Override
	public synchronized void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor) {
		Instant now = this.clock.instant();
		Row row = fenced(claim);
		row.hand(WorkflowStatus.WAITING, wakeAt, waitingFor, now);
		row.runAttempts = 0;
		row.lastRunError = null;
		if (row.cancelRequested || (waitingFor != null && hasHappened(row.id(), waitingFor))) {
			// The event came while the run decided to wait: due at once, as in the real store.
			row.dueAt = now;
		}
	}

	@Override
	public synchronized void park(ClaimedWorkflow claim, Instant wakeAt, @Nullable String waitingFor) {
		Instant now = this.clock.instant();
		Row row = fenced(claim);
		String token = row.runToken;
		String owner = row.owner;
		row.hand(WorkflowStatus.WAITING, wakeAt, waitingFor, now);
		row.runToken = token;
		row.owner = owner;
		row.runAttempts = 0;
		if (row.cancelRequested || (waitingFor != null && hasHappened(row.id(), waitingFor))) {
			row.dueAt = now;
		}
	}

	@Override
	public synchronized void wakeParked(ClaimedWorkflow claim, Instant now) {
		Row row = this.rows.get(claim.workflowId());
		if (row != null && claim.runToken().equals(row.runToken) && row.status == WorkflowStatus.WAITING) {
			row.dueAt = now;
		}
	}

	@Override
	public void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil) {
		throw new UnsupportedOperationException("InMemoryJournal.startChild");
	}

	@Override
	public synchronized void recordAbandonedRun(ClaimedWorkflow claim, String error) {
		Row row = this.rows.get(claim.workflowId());
		if (row != null && claim.runToken().equals(row.runToken)) {
			row.lastRunError = error;
		}
	}

	@Override
	public synchronized Optional<String> lastRunError(String workflowId) {
		return Optional.ofNullable(this.rows.get(workflowId)).map((row) -> row.lastRunError);
	}

	@Override
	public synchronized List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		// Expired leases first, then the rest by due time, as the claim statements order them.
		List<Row> due = this.rows.values()
			.stream()
			.filter((row) -> row.dueAt != null && !row.dueAt.isAfter(now))
			.sorted(Comparator.comparing((Row row) -> row.status != WorkflowStatus.RUNNING)
				.thenComparing((row) -> row.dueAt))
			.limit(limit)
			.toList();
		String token = UUID.randomUUID().toString();
		List<ClaimedRun> claimed = new ArrayList<>();
		for (Row row : due) {
			Instant becameDue = row.dueAt;
			row.status = WorkflowStatus.RUNNING;
			row.owner = nodeId;
			row.runToken = token;
			row.waitingFor = null;
			row.dueAt = leaseUntil;
			row.updatedAt = now;
			row.runAttempts++;
			// Like the H2 store, a claim brings no journal: the run loads it.
			claimed.add(new ClaimedRun(new ClaimedWorkflow(row.id(), token, becameDue, row.runAttempts), null));
		}
		return claimed;
	}

	@Override
	public Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		throw new UnsupportedOperationException("InMemoryJournal.renewLeases");
	}

	@Override
	public synchronized void release(ClaimedWorkflow claim, Instant dueAt) {
		Instant now = this.clock.instant();
		Row row = fenced(claim);
		row.hand(WorkflowStatus.WAITING, dueAt, null, now);
		// A run handed back did not fail: it does not count towards max-run-attempts.
		row.runAttempts = Math.max(0, row.runAttempts - 1);
	}

	@Override
	public int recoverRunning(@Nullable String nodeId, Instant now) {
		throw new UnsupportedOperationException("InMemoryJournal.recoverRunning");
	}

	@Override
	public void registerSchedule(String name, String cron, String zone, Instant nextFireAt, Instant now) {
		throw new UnsupportedOperationException("InMemoryJournal.registerSchedule");
	}

	@Override
	public boolean fireSchedule(String name, Instant now,
			java.util.function.UnaryOperator<dev.durable.engine.journal.ScheduleRecord> fire) {
		throw new UnsupportedOperationException("InMemoryJournal.fireSchedule");
	}

	@Override
	public List<dev.durable.engine.journal.ScheduleRecord> schedules() {
		return List.of();
	}

	@Override
	public boolean pauseSchedule(String name, boolean paused, Instant nextFireAt, Instant now) {
		return false;
	}

	@Override
	public List<ClaimedRun> claimQueued(dev.durable.engine.journal.QueueLimits queue, String nodeId, Instant now,
			Instant leaseUntil, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.claimQueued");
	}

	@Override
	public List<dev.durable.engine.journal.QueueCount> countQueues() {
		return List.of();
	}

	@Override
	public List<String> cancelPastDeadlines(Instant now, int limit) {
		return List.of();
	}

	@Override
	public Optional<Instant> deadline(String workflowId) {
		return Optional.empty();
	}

	@Override
	public boolean isEmbedded() {
		return true;
	}

	@Override
	public synchronized Delivery sendSignal(String workflowId, String name, String payload, Instant now) {
		Row row = this.rows.get(workflowId);
		if (row == null) {
			return Delivery.NOT_FOUND;
		}
		if (row.status.isTerminal()) {
			return Delivery.ENDED;
		}
		this.signals.add(new Signal(workflowId, name, payload));
		wakeIfWaiting(workflowId, Waits.signal(name), now);
		return Delivery.ACCEPTED;
	}

	@Override
	public synchronized List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step,
			Instant now, Instant leaseUntil, SignalCheck check) {
		Row row = fenced(claim);
		row.dueAt = leaseUntil;
		row.updatedAt = now;
		List<JournalEvent> taken = new ArrayList<>();
		for (Signal signal : List.copyOf(this.signals)) {
			if (!signal.workflowId().equals(row.id()) || !signal.name().equals(name)) {
				continue;
			}
			String rejection = check.rejection(signal.payload());
			JournalEvent event = new JournalEvent(seq + taken.size(), step,
					(rejection != null) ? EventKind.SIGNAL_REJECTED : EventKind.SIGNAL_RECEIVED, name, 0, null,
					signal.payload(), null, rejection, now);
			insert(row.id(), event);
			// Consumed: a signal is taken once, fitting or not.
			this.signals.remove(signal);
			taken.add(event);
			if (rejection == null) {
				break;
			}
		}
		return taken;
	}

	@Override
	public Delivery requestCancel(String workflowId, Instant now) {
		throw new UnsupportedOperationException("InMemoryJournal.requestCancel");
	}

	@Override
	public RetryOutcome retry(String workflowId, Instant now) {
		throw new UnsupportedOperationException("InMemoryJournal.retry");
	}

	@Override
	public int deleteEnded(Instant endedBefore, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.deleteEnded");
	}

	@Override
	public synchronized Optional<WorkflowRecord> find(String id) {
		return Optional.ofNullable(this.rows.get(id)).map(Row::record);
	}

	@Override
	public Optional<WorkflowStatus> status(String id) {
		return find(id).map(WorkflowRecord::status);
	}

	@Override
	public synchronized List<JournalEvent> journal(String id) {
		return List.copyOf(this.events.getOrDefault(id, new TreeMap<>()).values());
	}

	@Override
	public synchronized Optional<String> published(String id, String key) {
		return Optional.ofNullable(this.published.getOrDefault(id, new TreeMap<>()).get(key));
	}

	@Override
	public synchronized Map<String, String> published(String id) {
		return Map.copyOf(this.published.getOrDefault(id, new TreeMap<>()));
	}

	@Override
	public List<WorkflowRecord> recent(@Nullable WorkflowStatus status, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.recent");
	}

	@Override
	public List<WorkflowRecord> list(WorkflowFilter filter, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.list");
	}

	@Override
	public Map<WorkflowStatus, Long> countByStatus() {
		throw new UnsupportedOperationException("InMemoryJournal.countByStatus");
	}

	@Override
	public List<WorkflowRecord> page(WorkflowFilter filter, @Nullable WorkflowCursor after, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.page");
	}

	@Override
	public List<WorkflowCount> countByTypeAndStatus() {
		throw new UnsupportedOperationException("InMemoryJournal.countByTypeAndStatus");
	}

	@Override
	public Throughput throughput(Instant from, int minutes) {
		throw new UnsupportedOperationException("InMemoryJournal.throughput");
	}

	@Override
	public List<WorkflowRecord> overdue(Instant dueBefore, int limit) {
		throw new UnsupportedOperationException("InMemoryJournal.overdue");
	}

	@Override
	public List<NodeClaims> nodes() {
		throw new UnsupportedOperationException("InMemoryJournal.nodes");
	}

	@Override
	public long countOverdue(Instant dueBefore) {
		throw new UnsupportedOperationException("InMemoryJournal.countOverdue");
	}

	/**
	 * Return the row of a claimed workflow if the claim still holds, as the real store's writes
	 * check {@code run_token} in their {@code where} clause.
	 */
	private Row fenced(ClaimedWorkflow claim) {
		Row row = this.rows.get(claim.workflowId());
		if (row == null || !claim.runToken().equals(row.runToken)) {
			throw new LeaseLostException(claim.workflowId());
		}
		return row;
	}

	private void insert(String workflowId, JournalEvent event) {
		TreeMap<Long, JournalEvent> journal = this.events.computeIfAbsent(workflowId, (id) -> new TreeMap<>());
		if (journal.putIfAbsent(event.seq(), event) != null) {
			throw new DuplicateKeyException("The journal of workflow '" + workflowId + "' already has an event at seq "
					+ event.seq() + " (unique key on workflow id and seq)");
		}
	}

	private boolean hasHappened(String workflowId, String waitingFor) {
		if (waitingFor.startsWith(Waits.SIGNAL)) {
			String name = waitingFor.substring(Waits.SIGNAL.length());
			return this.signals.stream()
				.anyMatch((signal) -> signal.workflowId().equals(workflowId) && signal.name().equals(name));
		}
		Row child = this.rows.get(waitingFor.substring(Waits.CHILD.length()));
		return child != null && child.status.isTerminal();
	}

	private void wakeIfWaiting(String workflowId, String waitingFor, Instant now) {
		Row row = this.rows.get(workflowId);
		if (row != null && row.status == WorkflowStatus.WAITING && waitingFor.equals(row.waitingFor)) {
			row.dueAt = now;
		}
	}

	/** A workflow's row, changed in place under the journal's monitor. */
	private static final class Row {

		final NewWorkflow created;

		WorkflowStatus status;

		@Nullable WorkflowEnd end;

		@Nullable String owner;

		@Nullable String runToken;

		@Nullable Instant dueAt;

		@Nullable String waitingFor;

		boolean cancelRequested;

		Instant updatedAt;

		int runAttempts;

		@Nullable String lastRunError;

		Row(NewWorkflow workflow) {
			ClaimedWorkflow claim = workflow.claim();
			this.created = workflow;
			this.status = (claim != null) ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING;
			this.owner = workflow.owner();
			this.runToken = (claim != null) ? claim.runToken() : null;
			this.dueAt = (claim != null) ? workflow.leaseUntil() : workflow.createdAt();
			this.updatedAt = workflow.createdAt();
			this.runAttempts = (claim != null) ? 1 : 0;
		}

		String id() {
			return this.created.id();
		}

		/** Drop the claim and take a status: due again at {@code dueAt}, or never (null) once ended. */
		void hand(WorkflowStatus status, @Nullable Instant dueAt, @Nullable String waitingFor, Instant now) {
			this.status = status;
			this.owner = null;
			this.runToken = null;
			this.dueAt = dueAt;
			this.waitingFor = waitingFor;
			this.updatedAt = now;
		}

		WorkflowRecord record() {
			NewWorkflow row = this.created;
			WorkflowEnd end = this.end;
			return WorkflowRecord.builder(row.id(), row.type(), this.status, row.input(), row.createdAt())
				.result((end != null) ? end.result() : null)
				.error((end != null) ? end.errorType() : null, (end != null) ? end.error() : null)
				.owner(this.owner)
				.dueAt(this.dueAt)
				.parentId(row.parentId())
				.cancelRequested(this.cancelRequested)
				.updatedAt(this.updatedAt)
				.build();
		}

	}

	/** A signal sent to a workflow, pending until a run takes it. */
	private record Signal(String workflowId, String name, String payload) {
	}

}
