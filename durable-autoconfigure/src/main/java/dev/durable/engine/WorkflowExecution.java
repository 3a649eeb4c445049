package dev.durable.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.durable.NonDeterministicWorkflowException;
import dev.durable.Workflow;
import dev.durable.WorkflowCancelledException;
import org.jspecify.annotations.Nullable;

/**
 * The replay context of one run of one workflow: the journal loaded once, the step counter that
 * each durable call advances, and the fenced writes of new steps.
 *
 * <p>A durable call whose step is in the journal returns the recorded outcome; one past the end
 * of the journal executes and appends. A recorded step of another kind or name is
 * non-determinism: the run is poisoned and every later durable call fails the same way.
 */
public class WorkflowExecution {

	private final EngineContext engine;

	private final WorkflowRecord workflow;

	private final ClaimedWorkflow claim;

	private final StepIndex eventsByStep;

	private final int recordedSteps;

	private long nextSeq;

	private int currentStep;

	private boolean entryPending = true;

	private @Nullable NonDeterministicWorkflowException nonDeterminism;

	private volatile boolean cancelRequested;

	private @Nullable WorkflowRecord endedAs;

	private boolean replayOnly;

	private boolean cancellationDelivered;

	WorkflowExecution(EngineContext engine, WorkflowRecord workflow, ClaimedWorkflow claim, List<JournalEvent> journal) {
		this.engine = engine;
		this.workflow = workflow;
		this.claim = claim;
		this.eventsByStep = new StepIndex(journal.size());
		long maxSeq = 0;
		int maxStep = 0;
		for (JournalEvent event : journal) {
			maxSeq = Math.max(maxSeq, event.seq());
			if (event.kind().isStep()) {
				this.eventsByStep.add(event);
				maxStep = Math.max(maxStep, event.step());
			}
		}
		this.nextSeq = maxSeq + 1;
		this.recordedSteps = maxStep;
		this.cancelRequested = workflow.cancelRequested();
	}

	/**
	 * Return the id of the workflow.
	 * @return the workflow id
	 */
	public String workflowId() {
		return this.workflow.id();
	}

	/**
	 * Tell whether the next durable call replays a recorded step.
	 * @return {@code true} while inside the recorded part of the journal
	 */
	public boolean isReplaying() {
		return this.currentStep < this.recordedSteps;
	}

	/**
	 * Sleep durably; see {@link Workflow#sleep(Duration)}.
	 * @param duration how long to sleep
	 */
	public void sleep(Duration duration) {
		int step = nextStep();
		String name = "sleep";
		List<JournalEvent> recorded = recorded(step, name, EventKind.TIMER_STARTED);
		deliverCancellation(step);
		Instant fireAt;
		if (recorded.isEmpty()) {
			fireAt = now().plus(duration.isNegative() ? Duration.ZERO : duration);
			append(step, EventKind.TIMER_STARTED, name, 0, null, JournalValues.text(fireAt), null, null);
		}
		else {
			fireAt = JournalValues.readInstant(recorded.get(0).output());
		}
		waitUntil(fireAt);
	}

	/**
	 * Wait for a signal; see {@link Workflow#awaitSignal(String, Class, Duration)}.
	 * @param <T> the payload type
	 * @param name the signal name
	 * @param type the payload type
	 * @param timeout the longest wait, or null for none
	 * @return the payload, or empty on timeout
	 */
	public <T> Optional<T> awaitSignal(String name, Class<T> type, @Nullable Duration timeout) {
		return SignalWait.await(this, name, type, timeout);
	}

	/**
	 * Record a value computed once; see {@link Workflow#sideEffect(Class, Supplier)}.
	 * @param <T> the value type
	 * @param name the name journaled for the value
	 * @param type the value type
	 * @param supplier the computation
	 * @return the recorded value
	 */
	public <T> T sideEffect(String name, Class<T> type, Supplier<T> supplier) {
		int step = nextStep();
		List<JournalEvent> recorded = recorded(step, name, EventKind.SIDE_EFFECT);
		String what = "Workflow." + name + "() in workflow '" + workflowId() + "'";
		if (!recorded.isEmpty()) {
			return type.cast(this.engine.codec().readResult(what, type, recorded.get(0).output()));
		}
		T value = supplier.get();
		append(step, EventKind.SIDE_EFFECT, name, 0, null, this.engine.codec().writeResult(what, type, value), null,
				null);
		return value;
	}

	/**
	 * Return the engine clock's time, recorded; see {@link Workflow#now()}.
	 * @return the recorded instant
	 */
	public Instant recordedNow() {
		return sideEffect("now", Instant.class, this::now);
	}

	/**
	 * Choose a version for a code change; see {@link Workflow#getVersion(String, int, int)}.
	 * @param changeId the change's name
	 * @param minSupported the oldest version the code handles
	 * @param maxSupported the newest version
	 * @return the version of this execution
	 */
	public int getVersion(String changeId, int minSupported, int maxSupported) {
		throwIfPoisoned();
		int step = this.currentStep + 1;
		List<JournalEvent> atStep = this.eventsByStep.at(step);
		int version;
		if (!atStep.isEmpty() && atStep.get(0).kind() == EventKind.VERSION_MARKER
				&& atStep.get(0).name().equals(changeId)) {
			this.currentStep = step;
			version = Integer.parseInt(atStep.get(0).output());
		}
		else if (step <= this.recordedSteps) {
			// This execution passed here before the change existed: no marker, no step taken.
			version = Workflow.DEFAULT_VERSION;
		}
		else {
			this.currentStep = step;
			version = maxSupported;
			append(step, EventKind.VERSION_MARKER, changeId, 0, null, Integer.toString(version), null, null);
		}
		if (version < minSupported || version > maxSupported) {
			throw poison("Workflow '" + workflowId() + "' follows version " + version + " of change '" + changeId
					+ "', but the code supports versions " + minSupported + " to " + maxSupported
					+ "; keep the old branch until no running workflow needs it");
		}
		return version;
	}

	/**
	 * Publish a value under a key; see {@link Workflow#setEvent(String, Object)}.
	 * @param key the key
	 * @param value the value
	 */
	public void setEvent(String key, Object value) {
		EventPublishing.publish(this, key, value);
	}

	int nextStep() {
		throwIfPoisoned();
		return ++this.currentStep;
	}

	int currentStep() {
		return this.currentStep;
	}

	int recordedSteps() {
		return this.recordedSteps;
	}

	WorkflowRecord workflow() {
		return this.workflow;
	}

	ClaimedWorkflow claim() {
		return this.claim;
	}

	EngineContext engine() {
		return this.engine;
	}

	Instant now() {
		// The databases keep microseconds: recorded times must read back exactly as written.
		return this.engine.clock().instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Return the recorded events of a step after checking they belong to the expected call.
	 */
	List<JournalEvent> recorded(int step, String name, EventKind... expected) {
		List<JournalEvent> events = this.eventsByStep.at(step);
		if (events.isEmpty()) {
			return events;
		}
		for (JournalEvent event : events) {
			if (event.kind() == EventKind.CANCELLATION_DELIVERED) {
				this.cancellationDelivered = true;
				throw cancelled();
			}
		}
		JournalEvent first = events.get(0);
		boolean kindMatches = false;
		for (EventKind kind : expected) {
			kindMatches |= first.kind() == kind;
		}
		if (!kindMatches || !first.name().equals(name)) {
			throw poison("Workflow '" + workflowId() + "' (type '" + this.workflow.type() + "') is not deterministic: at step "
					+ step + " the code now calls " + describe(expected[0], name) + ", but the journal recorded "
					+ describe(first.kind(), first.name()) + ". Restore the old code path for running workflows "
					+ "(Workflow.getVersion) and retry the workflow");
		}
		return events;
	}

	void append(int step, EventKind kind, String name, int attempt, @Nullable String input, @Nullable String output,
			@Nullable String errorType, @Nullable String error) {
		append(step, kind, name, attempt, input, output, errorType, error, now());
	}

	void append(int step, EventKind kind, String name, int attempt, @Nullable String input, @Nullable String output,
			@Nullable String errorType, @Nullable String error, Instant now) {
		ensureLive();
		JournalEvent event = new JournalEvent(this.nextSeq, step, kind, name, attempt, input, output, errorType, error,
				now);
		boolean cancelNow;
		try {
			cancelNow = this.engine.store().append(this.claim, event);
		}
		catch (RuntimeException ex) {
			throw new RunAbandonedError(ex);
		}
		this.nextSeq++;
		this.eventsByStep.add(event);
		if (cancelNow) {
			// Delivered at the next durable call, as a cancellation through the lease keeper is.
			requestCancel();
		}
	}

	/**
	 * Deliver a pending cancellation request at this step of a durable wait or activity: journal
	 * it, so that every replay throws at the same point, and throw.
	 */
	void deliverCancellation(int step) {
		if (this.cancelRequested && !this.cancellationDelivered) {
			append(step, EventKind.CANCELLATION_DELIVERED, "cancel", 0, null, null, null, null);
			this.cancellationDelivered = true;
			throw cancelled();
		}
	}

	/**
	 * Make this a check of the journal only: the first call past the recorded steps ends the run
	 * with {@link ReplayBoundary} instead of executing or writing anything.
	 */
	void replayOnly() {
		this.replayOnly = true;
	}

	/**
	 * Stop here if this is a replay check and the journal has no more to replay.
	 */
	void ensureLive() {
		if (this.replayOnly) {
			throw new ReplayBoundary();
		}
	}

	void endedAs(WorkflowRecord ended) {
		this.endedAs = ended;
	}

	@Nullable WorkflowRecord endedAs() {
		return this.endedAs;
	}

	void requestCancel() {
		this.cancelRequested = true;
	}

	boolean cancellationDelivered() {
		return this.cancellationDelivered;
	}

	long nextSeq() {
		return this.nextSeq;
	}

	boolean isCancelRequested() {
		return this.cancelRequested;
	}

	long takeSeq() {
		return this.nextSeq++;
	}

	void recordLocally(JournalEvent event) {
		this.eventsByStep.add(event);
	}

	private WorkflowCancelledException cancelled() {
		return new WorkflowCancelledException("Workflow '" + workflowId() + "' was cancelled");
	}

	/**
	 * Wait in this thread if the wait is short, else suspend the workflow until then.
	 */
	void waitUntil(Instant until) {
		if (this.replayOnly) {
			// A later recorded step proves the wait ended; at the journal's end the check stops.
			if (this.currentStep < this.recordedSteps) {
				return;
			}
			ensureLive();
		}
		Duration left = Duration.between(now(), until);
		if (left.isNegative() || left.isZero()) {
			return;
		}
		if (left.compareTo(this.engine.settings().inThreadWaitLimit()) > 0) {
			throw new WorkflowSuspension(until);
		}
		try {
			Thread.sleep(left.toMillis(), left.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WorkflowSuspension(until);
		}
	}

	/**
	 * Build a lifecycle event (start, end, non-determinism) at the next position of the journal.
	 */
	JournalEvent lifecycleEvent(EventKind kind, @Nullable String output, @Nullable String errorType,
			@Nullable String error) {
		return new JournalEvent(this.nextSeq, 0, kind, this.workflow.type(), 0, null, output, errorType, error, now());
	}

	boolean consumeEntryInvocation() {
		boolean pending = this.entryPending;
		this.entryPending = false;
		return pending;
	}

	@Nullable NonDeterministicWorkflowException nonDeterminism() {
		return this.nonDeterminism;
	}

	NonDeterministicWorkflowException poison(String message) {
		if (this.nonDeterminism == null) {
			this.nonDeterminism = new NonDeterministicWorkflowException(message);
		}
		return this.nonDeterminism;
	}

	private void throwIfPoisoned() {
		if (this.nonDeterminism != null) {
			throw this.nonDeterminism;
		}
	}

	private static String describe(EventKind kind, String name) {
		switch (kind) {
			case ACTIVITY_COMPLETED:
			case ACTIVITY_ATTEMPT_FAILED:
			case ACTIVITY_FAILED:
				return "activity '" + name + "'";
			case TIMER_STARTED:
				return "Workflow.sleep()";
			case SIDE_EFFECT:
				return "Workflow." + name + "()";
			case VERSION_MARKER:
				return "Workflow.getVersion(\"" + name + "\")";
			case SIGNAL_WAIT_STARTED:
			case SIGNAL_RECEIVED:
			case SIGNAL_REJECTED:
			case SIGNAL_TIMED_OUT:
				return "Workflow.awaitSignal(\"" + name + "\")";
			case EVENT_PUBLISHED:
				return "Workflow.setEvent(\"" + name + "\")";
			case CHILD_STARTED:
			case CHILD_COMPLETED:
			case CHILD_FAILED:
				return "child workflow '" + name + "'";
			default:
				return kind + " '" + name + "'";
		}
	}

}
