package dev.durable.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.durable.WorkflowStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;

/**
 * A {@link WorkflowStore} in memory, for engine unit tests that must run in milliseconds without
 * a database. It keeps the rules the engine relies on, as the JPA store does: every write about a
 * running workflow presents the claim's run token and fails with {@link LeaseLostException} once
 * another claim replaced it, and the journal holds at most one event per (workflow, seq), refusing
 * a second with {@link DuplicateKeyException} as a unique key would. One lock orders all access,
 * as the row locks of the database do for one workflow.
 *
 * <p>Operations tooling the unit tests do not need (retrying failed workflows, retention,
 * filtered listings) throws {@link UnsupportedOperationException}.
 */
class InMemoryJournal implements WorkflowStore {

	private final ReentrantLock lock = new ReentrantLock();

	private final Clock clock;

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final Map<String, TreeMap<Long, JournalEvent>> events = new LinkedHashMap<>();

	private final List<Signal> signals = new ArrayList<>();

	/**
	 * Create an empty journal.
	 * @param clock the clock of the writes that take no time from the engine (suspend, release)
	 */
	InMemoryJournal(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean create(NewWorkflow workflow) {
		return locked(() -> {
			if (this.rows.containsKey(workflow.id())) {
				return false;
			}
			Row row = new Row(workflow);
			this.rows.put(row.id, row);
			insert(row.id, new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, workflow.type(), 0, workflow.input(), null,
					null, null, workflow.createdAt()));
			return true;
		});
	}

	@Override
	public Optional<LoadedWorkflow> load(String id) {
		return locked(() -> Optional.ofNullable(this.rows.get(id))
			.map((row) -> new LoadedWorkflow(row.record(), journal(id))));
	}

	@Override
	public boolean append(ClaimedWorkflow claim, JournalEvent event) {
		return locked(() -> {
			Row row = fenced(claim);
			insert(row.id, event);
			return row.cancelRequested;
		});
	}

	@Override
	public void finish(ClaimedWorkflow claim, WorkflowEnd end, JournalEvent event, @Nullable String parentId) {
		locked(() -> {
			Row row = fenced(claim);
			insert(row.id, event);
			row.status = end.status();
			row.result = end.result();
			row.errorType = end.errorType();
			row.error = end.error();
			row.drop(null, null, event.timestamp());
			row.runAttempts = 0;
			row.lastRunError = null;
			if (parentId != null) {
				wakeIfWaiting(parentId, Waits.child(row.id), event.timestamp());
			}
			return null;
		});
	}

	@Override
	public void suspend(ClaimedWorkflow claim, @Nullable Instant wakeAt, @Nullable String waitingFor) {
		Instant now = this.clock.instant();
		locked(() -> {
			Row row = fenced(claim);
			row.status = WorkflowStatus.WAITING;
			row.drop(wakeAt, waitingFor, now);
			row.runAttempts = 0;
			row.lastRunError = null;
			if (row.cancelRequested || (waitingFor != null && hasHappened(row.id, waitingFor))) {
				// The event came while the run decided to wait: due at once, as in the real store.
				row.dueAt = now;
			}
			return null;
		});
	}

	@Override
	public void startChild(ClaimedWorkflow claim, NewWorkflow child, JournalEvent parentEvent, Instant leaseUntil) {
		locked(() -> {
			fenced(claim).dueAt = leaseUntil;
			create(child);
			insert(claim.workflowId(), parentEvent);
			return null;
		});
	}

	@Override
	public void recordAbandonedRun(ClaimedWorkflow claim, String error) {
		locked(() -> {
			Row row = this.rows.get(claim.workflowId());
			if (row != null && claim.runToken().equals(row.runToken)) {
				row.lastRunError = error;
			}
			return null;
		});
	}

	@Override
	public Optional<String> lastRunError(String workflowId) {
		return locked(() -> Optional.ofNullable(this.rows.get(workflowId)).map((row) -> row.lastRunError));
	}

	@Override
	public List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		return locked(() -> {
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
				claimed.add(new ClaimedRun(new ClaimedWorkflow(row.id, token, becameDue, row.runAttempts), null));
			}
			return claimed;
		});
	}

	@Override
	public Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		return locked(() -> {
			Set<String> cancelled = new HashSet<>();
			for (ClaimedWorkflow claim : claims) {
				Row row = this.rows.get(claim.workflowId());
				if (row != null && claim.runToken().equals(row.runToken)) {
					row.dueAt = leaseUntil;
				}
				if (row != null && row.cancelRequested) {
					cancelled.add(row.id);
				}
			}
			return cancelled;
		});
	}

	@Override
	public void release(ClaimedWorkflow claim, Instant dueAt) {
		Instant now = this.clock.instant();
		locked(() -> {
			Row row = fenced(claim);
			row.status = WorkflowStatus.WAITING;
			row.drop(dueAt, null, now);
			// A run handed back did not fail: it does not count towards max-run-attempts.
			row.runAttempts = Math.max(0, row.runAttempts - 1);
			return null;
		});
	}

	@Override
	public int recoverRunning(@Nullable String nodeId, Instant now) {
		return locked(() -> {
			int recovered = 0;
			for (Row row : this.rows.values()) {
				if (row.status == WorkflowStatus.RUNNING && (nodeId == null || nodeId.equals(row.owner))) {
					row.dueAt = now;
					recovered++;
				}
			}
			return recovered;
		});
	}

	@Override
	public boolean isEmbedded() {
		return true;
	}

	@Override
	public Delivery sendSignal(String workflowId, String name, String payload, Instant now) {
		return locked(() -> {
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
		});
	}

	@Override
	public List<JournalEvent> takeSignal(ClaimedWorkflow claim, String name, long seq, int step, Instant now,
			Instant leaseUntil, SignalCheck check) {
		return locked(() -> {
			Row row = fenced(claim);
			row.dueAt = leaseUntil;
			row.updatedAt = now;
			List<JournalEvent> taken = new ArrayList<>();
			for (Signal signal : this.signals) {
				if (signal.consumed || !signal.workflowId.equals(row.id) || !signal.name.equals(name)) {
					continue;
				}
				String rejection = check.rejection(signal.payload);
				JournalEvent event = new JournalEvent(seq + taken.size(), step,
						(rejection != null) ? EventKind.SIGNAL_REJECTED : EventKind.SIGNAL_RECEIVED, name, 0, null,
						signal.payload, null, rejection, now);
				insert(row.id, event);
				signal.consumed = true;
				taken.add(event);
				if (rejection == null) {
					break;
				}
			}
			return taken;
		});
	}

	@Override
	public Delivery requestCancel(String workflowId, Instant now) {
		return locked(() -> {
			Row row = this.rows.get(workflowId);
			if (row == null) {
				return Delivery.NOT_FOUND;
			}
			if (row.status.isTerminal()) {
				return Delivery.ENDED;
			}
			row.cancelRequested = true;
			if (row.status == WorkflowStatus.WAITING) {
				row.dueAt = now;
			}
			return Delivery.ACCEPTED;
		});
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
	public Optional<WorkflowRecord> find(String id) {
		return locked(() -> Optional.ofNullable(this.rows.get(id)).map(Row::record));
	}

	@Override
	public Optional<WorkflowStatus> status(String id) {
		return find(id).map(WorkflowRecord::status);
	}

	@Override
	public List<JournalEvent> journal(String id) {
		return locked(() -> List.copyOf(this.events.getOrDefault(id, new TreeMap<>()).values()));
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
		return locked(() -> {
			Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
			this.rows.values().forEach((row) -> counts.merge(row.status, 1L, Long::sum));
			return counts;
		});
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
				.anyMatch((signal) -> !signal.consumed && signal.workflowId.equals(workflowId) && signal.name.equals(name));
		}
		Row child = waitingFor.startsWith(Waits.CHILD) ? this.rows.get(waitingFor.substring(Waits.CHILD.length())) : null;
		return child != null && child.status.isTerminal();
	}

	private void wakeIfWaiting(String workflowId, String waitingFor, Instant now) {
		Row row = this.rows.get(workflowId);
		if (row != null && row.status == WorkflowStatus.WAITING && waitingFor.equals(row.waitingFor)) {
			row.dueAt = now;
		}
	}

	private <T> T locked(Supplier<T> work) {
		this.lock.lock();
		try {
			return work.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A workflow's row, changed in place under the lock. */
	private static final class Row {

		final String id;

		final String type;

		final String input;

		final @Nullable String parentId;

		final Instant createdAt;

		WorkflowStatus status;

		@Nullable String result;

		@Nullable String errorType;

		@Nullable String error;

		@Nullable String owner;

		@Nullable String runToken;

		@Nullable Instant dueAt;

		@Nullable String waitingFor;

		boolean cancelRequested;

		Instant updatedAt;

		int runAttempts;

		@Nullable String lastRunError;

		Row(NewWorkflow workflow) {
			this.id = workflow.id();
			this.type = workflow.type();
			this.input = workflow.input();
			this.parentId = workflow.parentId();
			this.createdAt = workflow.createdAt();
			this.updatedAt = workflow.createdAt();
			ClaimedWorkflow claim = workflow.claim();
			this.status = (claim != null) ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING;
			this.owner = workflow.owner();
			this.runToken = (claim != null) ? claim.runToken() : null;
			this.dueAt = (claim != null) ? workflow.leaseUntil() : workflow.createdAt();
			this.runAttempts = (claim != null) ? 1 : 0;
		}

		/** Drop the claim: no owner, no token, due again at {@code dueAt} (null when ended). */
		void drop(@Nullable Instant dueAt, @Nullable String waitingFor, Instant now) {
			this.owner = null;
			this.runToken = null;
			this.dueAt = dueAt;
			this.waitingFor = waitingFor;
			this.updatedAt = now;
		}

		WorkflowRecord record() {
			return WorkflowRecord.builder(this.id, this.type, this.status, this.input, this.createdAt)
				.result(this.result)
				.error(this.errorType, this.error)
				.owner(this.owner)
				.dueAt(this.dueAt)
				.parentId(this.parentId)
				.cancelRequested(this.cancelRequested)
				.updatedAt(this.updatedAt)
				.build();
		}

	}

	/** A signal sent to a workflow, pending until a run takes it. */
	private static final class Signal {

		final String workflowId;

		final String name;

		final String payload;

		boolean consumed;

		Signal(String workflowId, String name, String payload) {
			this.workflowId = workflowId;
			this.name = name;
			this.payload = payload;
		}

	}

}
