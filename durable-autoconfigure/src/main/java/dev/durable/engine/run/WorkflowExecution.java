package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.durable.Workflow;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowRecord;
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

	private final StepIndex journal;

	private int currentStep;

	private boolean entryPending = true;

	private final NonDeterminismGuard nonDeterminism = new NonDeterminismGuard();

	private final RunCancellation cancellation;

	private final RunJournalWriter writer = new RunJournalWriter(this);

	private @Nullable WorkflowRecord endedAs;

	private boolean replayOnly;

	private @Nullable FutureSteps futures;

	WorkflowExecution(EngineContext engine, WorkflowRecord workflow, ClaimedWorkflow claim, List<JournalEvent> journal) {
		this.engine = engine;
		this.workflow = workflow;
		this.claim = claim;
		this.journal = StepIndex.of(journal);
		this.cancellation = new RunCancellation(this, workflow.cancelRequested());
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
		return this.currentStep < this.journal.recordedSteps();
	}

	/**
	 * Sleep durably; see {@link Workflow#sleep(Duration)}.
	 * @param duration how long to sleep
	 */
	public void sleep(Duration duration) {
		TimerWait.sleep(this, duration);
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
		return SideEffect.record(this, name, type, supplier);
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
		return VersionMarker.getVersion(this, changeId, minSupported, maxSupported);
	}

	/**
	 * Return the futures of this run ({@code Workflow.async}, {@code timer}, {@code signal}).
	 * @return the run's futures
	 */
	public FutureSteps futures() {
		FutureSteps steps = this.futures;
		if (steps == null) {
			steps = new FutureSteps(this);
			this.futures = steps;
		}
		return steps;
	}

	/**
	 * Return the capture of the {@code Workflow.async} lambda running now, or null.
	 * @return the capture, or null outside such a lambda
	 */
	/** Return the futures of this run if any were made, or null. */
	@Nullable FutureSteps startedFutures() {
		return this.futures;
	}

	@Nullable AsyncCapture asyncCapture() {
		FutureSteps steps = this.futures;
		return (steps != null) ? steps.capture() : null;
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
		this.nonDeterminism.throwIfPoisoned();
		if (this.futures != null) {
			this.futures.checkNotCapturing();
		}
		// A completion held back is committed before this call does anything outside the run.
		this.writer.writeHeld();
		return ++this.currentStep;
	}

	int currentStep() {
		return this.currentStep;
	}

	int recordedSteps() {
		return this.journal.recordedSteps();
	}

	/**
	 * The run's journal: the events loaded and appended, by step, and the next position.
	 */
	StepIndex journal() {
		return this.journal;
	}

	/**
	 * Take a step that {@link #nextStep()} did not: a version marker found in the journal.
	 */
	void takeStep(int step) {
		this.currentStep = step;
	}

	boolean isReplayOnly() {
		return this.replayOnly;
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
		List<JournalEvent> events = this.journal.at(step);
		if (events.isEmpty()) {
			return events;
		}
		for (JournalEvent event : events) {
			if (event.kind() == EventKind.CANCELLATION_DELIVERED) {
				throw this.cancellation.replayed(event.error());
			}
		}
		String mismatch = StepCheck.mismatch(this.workflow, step, events.get(0), name, expected);
		if (mismatch != null) {
			throw this.nonDeterminism.poison(mismatch);
		}
		return events;
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

	/**
	 * Wait in this thread if the wait is short, else suspend the workflow until then.
	 */
	void waitUntil(Instant until) {
		TimerWait.waitUntil(this, until);
	}

	public boolean consumeEntryInvocation() {
		boolean pending = this.entryPending;
		this.entryPending = false;
		return pending;
	}

	/** The run's cancellation: requested from any thread, delivered at one step. */
	RunCancellation cancellation() {
		return this.cancellation;
	}

	/** The run's journal writes, from the workflow thread and its activity futures' threads. */
	RunJournalWriter writer() {
		return this.writer;
	}

	/** The run's guard against non-determinism. */
	NonDeterminismGuard nonDeterminism() {
		return this.nonDeterminism;
	}

}
