package dev.durable.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * Waits, without sleeps in the test, until a workflow reaches a status or a durable wait: a
 * signal wait (direct or a signal future), a timer, a retry backoff, or a {@code DurableFuture.get()}
 * on activity futures that still run. Each wait polls the journal every few milliseconds
 * and fails after a timeout (10 seconds unless {@link #withTimeout(Duration) changed}) with an
 * {@link AssertionError} that shows the workflow's status and its last journal events.
 *
 * <p>A bean in every {@link DurableTest}. Typical use: wait until the workflow waits for what the
 * test is about to do, then do it (send the signal, {@link DurableTestClock#advance move the
 * clock}), then wait for the outcome.
 */
public final class WorkflowAwaiter {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final long POLL_MILLIS = 5;

	private static final int EVENTS_SHOWN = 8;

	private final WorkflowQueries queries;

	private final Supplier<List<ClaimedWorkflow>> parked;

	private final Duration timeout;

	/**
	 * Create an awaiter with the default timeout of 10 seconds.
	 * @param parked the claims of the runs this node keeps parked in a {@code DurableFuture.get()}
	 */
	WorkflowAwaiter(WorkflowQueries queries, Supplier<List<ClaimedWorkflow>> parked) {
		this(queries, parked, DEFAULT_TIMEOUT);
	}

	private WorkflowAwaiter(WorkflowQueries queries, Supplier<List<ClaimedWorkflow>> parked, Duration timeout) {
		this.queries = Objects.requireNonNull(queries, "queries");
		this.parked = Objects.requireNonNull(parked, "parked");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
	}

	/**
	 * Return an awaiter that waits at most the given time.
	 * @param timeout the longest wait, in real time
	 * @return a new awaiter
	 */
	public WorkflowAwaiter withTimeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, was " + timeout);
		}
		return new WorkflowAwaiter(this.queries, this.parked, timeout);
	}

	/**
	 * Wait until a workflow has a status. Waiting for an end ({@code COMPLETED}, {@code FAILED},
	 * {@code CANCELLED}) fails at once if the workflow ends otherwise.
	 * @param workflowId the workflow
	 * @param status the status to wait for
	 * @throws AssertionError if it does not get there in time
	 */
	public void awaitStatus(String workflowId, WorkflowStatus status) {
		Objects.requireNonNull(status, "status");
		await(workflowId, "status " + status, (state) -> {
			if (state.workflow().status() == status) {
				return true;
			}
			if (status.isTerminal() && state.workflow().status().isTerminal()) {
				throw new AssertionError(describe(workflowId, "status " + status, state)
						+ "; it ended otherwise and will not change any more");
			}
			return false;
		});
	}

	/**
	 * Wait until a workflow is suspended with a wait for a signal open that has not been answered:
	 * {@code Workflow.awaitSignal(name, ...)}, or a {@code Workflow.signal(name, type)} future, for
	 * example one in an {@code anyOf} with a timer, that has taken no signal yet.
	 * @param workflowId the workflow
	 * @param signalName the signal's name
	 * @throws AssertionError if it does not get there in time
	 */
	public void awaitSignalWait(String workflowId, String signalName) {
		Objects.requireNonNull(signalName, "signalName");
		await(workflowId, "a wait for signal '" + signalName + "'", (state) -> state.openSignalWait(signalName));
	}

	/**
	 * Wait until a workflow waits in {@code DurableFuture.get()} (on one future, or through
	 * {@code allOf} or {@code anyOf}) for activity futures that still run on this node: the wait
	 * went on past {@code durable.worker.in-thread-wait-limit}, so the workflow is {@code WAITING}
	 * with no thread held, and the node keeps its claim so that the activities can record (the run
	 * is parked). A {@code get()} on signal, timer or child futures alone suspends the workflow as
	 * {@code awaitSignal} and {@code sleep} do: wait for it with {@link #awaitSignalWait} or
	 * {@link #awaitStatus awaitStatus(id, WAITING)}.
	 * @param workflowId the workflow
	 * @throws AssertionError if it does not get there in time
	 */
	public void awaitFutureWait(String workflowId) {
		await(workflowId, "a DurableFuture.get() on activity futures that still run",
				(state) -> state.workflow().status() == WorkflowStatus.WAITING && this.parked.get()
					.stream()
					.anyMatch((claim) -> claim.workflowId().equals(workflowId)));
	}

	/**
	 * Wait until a workflow is suspended on a durable timer ({@code Workflow.sleep}).
	 * @param workflowId the workflow
	 * @return when the timer fires, on the engine's clock
	 * @throws AssertionError if it does not get there in time
	 */
	public Instant awaitTimer(String workflowId) {
		State state = await(workflowId, "a durable timer",
				(current) -> current.waitingAt(EventKind.TIMER_STARTED).isPresent());
		return readInstant(state.waitingAt(EventKind.TIMER_STARTED).orElseThrow().output());
	}

	/**
	 * Wait until a workflow is suspended in the backoff between two attempts of an activity.
	 * @param workflowId the workflow
	 * @param activityName the activity's name as journaled ({@code Payments.charge}) or its
	 * method's name ({@code charge})
	 * @return when the next attempt is due, on the engine's clock
	 * @throws AssertionError if it does not get there in time
	 */
	public Instant awaitRetryBackoff(String workflowId, String activityName) {
		Objects.requireNonNull(activityName, "activityName");
		State state = await(workflowId, "a retry backoff of activity '" + activityName + "'",
				(current) -> current.waitingAt(EventKind.ACTIVITY_ATTEMPT_FAILED)
					.filter((event) -> ActivityNames.matches(event.name(), activityName))
					.isPresent());
		return readInstant(state.waitingAt(EventKind.ACTIVITY_ATTEMPT_FAILED).orElseThrow().output());
	}

	private State await(String workflowId, String what, Predicate<State> reached) {
		Objects.requireNonNull(workflowId, "workflowId");
		long deadline = System.nanoTime() + this.timeout.toNanos();
		State state = null;
		while (true) {
			state = read(workflowId);
			if (state != null && reached.test(state)) {
				return state;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError(describe(workflowId, what, state) + " after waiting " + this.timeout);
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + what + " of workflow '" + workflowId + "'",
						ex);
			}
		}
	}

	private @Nullable State read(String workflowId) {
		Optional<WorkflowRecord> workflow = this.queries.find(workflowId);
		return workflow.map((found) -> new State(found, this.queries.journal(workflowId))).orElse(null);
	}

	private static String describe(String workflowId, String what, @Nullable State state) {
		if (state == null) {
			return "Workflow '" + workflowId + "' did not reach " + what + ": no workflow has that id (started with "
					+ "another id, or its start rolled back?)";
		}
		WorkflowRecord workflow = state.workflow();
		StringBuilder message = new StringBuilder("Workflow '" + workflowId + "' (" + workflow.type()
				+ ") did not reach " + what + ": it is " + workflow.status());
		if (workflow.error() != null) {
			message.append(" with ").append(workflow.errorType()).append(": ").append(workflow.error());
		}
		List<JournalEvent> journal = state.journal();
		message.append("; its last journal events:");
		for (JournalEvent event : journal.subList(Math.max(0, journal.size() - EVENTS_SHOWN), journal.size())) {
			message.append("\n  #").append(event.seq()).append(' ').append(event.kind()).append(' ').append(event.name());
			if (event.attempt() > 0) {
				message.append(" attempt ").append(event.attempt());
			}
			if (event.error() != null) {
				message.append(" error ").append(event.errorType()).append(": ").append(event.error());
			}
			else if (event.output() != null) {
				message.append(" -> ").append(abbreviate(event.output()));
			}
		}
		return message.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
	}

	private static Instant readInstant(@Nullable String json) {
		if (json == null) {
			throw new AssertionError("The journal records no due time for this wait");
		}
		return Instant.parse(json.replace("\"", ""));
	}

	/**
	 * A workflow's row and journal as read at one moment.
	 */
	private record State(WorkflowRecord workflow, List<JournalEvent> journal) {

		/**
		 * Return the last step event if the workflow is suspended on it (its kind), else empty.
		 */
		boolean openSignalWait(String name) {
			if (this.workflow.status() != WorkflowStatus.WAITING) {
				return false;
			}
			Set<Integer> open = new HashSet<>();
			for (JournalEvent event : this.journal) {
				if (event.kind() == EventKind.SIGNAL_WAIT_STARTED && event.name().equals(name)) {
					open.add(event.step());
				}
				else if (event.kind() == EventKind.SIGNAL_RECEIVED || event.kind() == EventKind.SIGNAL_TIMED_OUT) {
					open.remove(event.step());
				}
			}
			return !open.isEmpty();
		}

		Optional<JournalEvent> waitingAt(EventKind kind) {
			if (this.workflow.status() != WorkflowStatus.WAITING) {
				return Optional.empty();
			}
			for (int i = this.journal.size() - 1; i >= 0; i--) {
				JournalEvent event = this.journal.get(i);
				if (event.kind().isStep()) {
					return (event.kind() == kind) ? Optional.of(event) : Optional.empty();
				}
			}
			return Optional.empty();
		}

	}

}
