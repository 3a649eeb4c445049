package dev.durable.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.durable.engine.DurableClock;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.fault.RunAbandonedError;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.LeaseLostException;
import dev.durable.engine.journal.WorkflowStore;
import org.jspecify.annotations.Nullable;

/**
 * Crash injection: stops a workflow run at a named activity exactly as a crash of the process
 * would, then resumes the workflow the way a restarted node does, all inside the test's JVM.
 *
 * <p>Two crash points, each armed for one crash (the first run that reaches it, or the run of one
 * workflow id):
 * <ul>
 * <li>{@link #crashAfter(String) crashAfter("withdraw")}: the activity ran and its completion was
 * recorded and committed; the run stops before anything else happens, so nothing after that step
 * is run or recorded;</li>
 * <li>{@link #crashBeforeRecording(String) crashBeforeRecording("withdraw")}: the activity ran
 * but the process died before its completion was recorded. A {@code @Transactional} activity's
 * database work is rolled back with it; anything else it did (an HTTP call) has happened. On
 * resumption the activity runs again, as it would after a real crash.</li>
 * </ul>
 *
 * <p>Activity futures ({@code Workflow.async}) hit crash points too, on the pool thread that records
 * them. {@link #crashAfterCompletions(String, int) crashAfterCompletions("reserve", 2)} crashes a
 * fan-out once two of its {@code reserve} activities are recorded: the run stops as the process
 * would, and the activities still running record nothing more, as in a process that died. On
 * resumption the recorded ones return their results from the journal and only the others run
 * again.
 *
 * <p>A crashed workflow stays {@code RUNNING} under its lost claim, as in the database of a node
 * that died. {@link #recover(String)} hands it back, as a restarted node does at start-up, and
 * the workers resume it at once: it replays its journal and carries on after the last recorded
 * step. Start workflows that a test crashes with {@code WorkflowClient.start}: a direct call of
 * the entry point blocks its caller until the workflow ends, so after a crash until
 * {@code recover}.
 *
 * <p>A bean in every {@link DurableTest}; armed points that did not fire are disarmed after each
 * test method.
 */
public final class WorkflowCrashes {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<CrashPoint> armed = new CopyOnWriteArrayList<>();

	private final Map<String, Crash> crashes = new ConcurrentHashMap<>();

	private final Map<Crash, ClaimedWorkflow> claims = new ConcurrentHashMap<>();

	private final WorkflowStore store;

	private final Supplier<List<ClaimedWorkflow>> running;

	private final DurableClock clock;

	private final Runnable wakeUp;

	WorkflowCrashes(WorkflowStore store, Supplier<List<ClaimedWorkflow>> running, DurableClock clock,
			Runnable wakeUp) {
		this.store = store;
		this.running = running;
		this.clock = clock;
		this.wakeUp = wakeUp;
	}

	/**
	 * Crash the next run of any workflow right after the named activity's completion is
	 * recorded.
	 * @param activityName the activity's name as journaled ({@code AccountActivities.withdraw}) or
	 * its method's name ({@code withdraw})
	 */
	public void crashAfter(String activityName) {
		arm(activityName, null, true);
	}

	/**
	 * Crash one workflow's run right after the named activity's completion is recorded.
	 * @param activityName the activity's name as journaled, or its method's name
	 * @param workflowId the workflow to crash
	 */
	public void crashAfter(String activityName, String workflowId) {
		arm(activityName, Objects.requireNonNull(workflowId, "workflowId"), true);
	}

	/**
	 * Crash the run of any workflow right after the named activity's completion has been recorded
	 * the given number of times, counted from now over every run: with several of its calls
	 * running at once as futures, the run stops with that many of them recorded.
	 * @param activityName the activity's name as journaled, or its method's name
	 * @param completions how many completions to let through, the crash following the last; at
	 * least 1 ({@code crashAfterCompletions(name, 1)} is {@code crashAfter(name)})
	 */
	public void crashAfterCompletions(String activityName, int completions) {
		arm(activityName, null, true, completions);
	}

	/**
	 * Crash one workflow's run right after the named activity's completion has been recorded the
	 * given number of times in that workflow, counted from now.
	 * @param activityName the activity's name as journaled, or its method's name
	 * @param completions how many completions to let through, the crash following the last; at
	 * least 1
	 * @param workflowId the workflow to crash
	 */
	public void crashAfterCompletions(String activityName, int completions, String workflowId) {
		arm(activityName, Objects.requireNonNull(workflowId, "workflowId"), true, completions);
	}

	/**
	 * Crash the next run of any workflow after the named activity returned, before its completion
	 * is recorded.
	 * @param activityName the activity's name as journaled, or its method's name
	 */
	public void crashBeforeRecording(String activityName) {
		arm(activityName, null, false);
	}

	/**
	 * Crash one workflow's run after the named activity returned, before its completion is
	 * recorded.
	 * @param activityName the activity's name as journaled, or its method's name
	 * @param workflowId the workflow to crash
	 */
	public void crashBeforeRecording(String activityName, String workflowId) {
		arm(activityName, Objects.requireNonNull(workflowId, "workflowId"), false);
	}

	/**
	 * Wait until an injected crash has stopped a workflow's run.
	 * @param workflowId the workflow
	 * @return the crash
	 * @throws AssertionError if no armed crash hits the workflow within 10 seconds
	 */
	public Crash awaitCrash(String workflowId) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			Crash crash = this.crashes.get(workflowId);
			// The run has unwound once its claim is no longer tracked as running.
			if (crash != null && !this.running.get().contains(this.claims.get(crash))) {
				return crash;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("No injected crash stopped workflow '" + workflowId + "' within " + TIMEOUT
						+ ((crash != null) ? " (it crashed but its run did not stop)" : "")
						+ "; armed: " + this.armed + ". Arm one with crashAfter(...), crashAfterCompletions(...) or "
						+ "crashBeforeRecording(...) "
						+ "before the workflow reaches that activity");
			}
			sleep();
		}
	}

	/**
	 * Resume a crashed workflow as a restarted node would: wait for the crash if it has not
	 * happened yet, make the workflow claimable at once and wake the workers, which replay it
	 * from its journal. If its lease had already expired and a worker took it over, there is
	 * nothing left to do.
	 * @param workflowId the crashed workflow
	 * @throws AssertionError if no injected crash stops it within 10 seconds
	 */
	public void recover(String workflowId) {
		Crash crash = awaitCrash(workflowId);
		try {
			this.store.release(this.claims.get(crash), this.clock.instant());
		}
		catch (LeaseLostException ex) {
			// Its lease expired and a worker has resumed it already.
		}
		this.crashes.remove(workflowId, crash);
		this.claims.remove(crash);
		this.wakeUp.run();
	}

	/**
	 * Disarm every crash point that has not fired and forget the crashes that did.
	 */
	public void reset() {
		this.armed.clear();
		this.crashes.clear();
		this.claims.clear();
	}

	/**
	 * The engine's view of this: called when an activity completes.
	 */
	ActivityFaults faults() {
		return new ActivityFaults() {

			@Override
			public void beforeCompletionRecorded(ClaimedWorkflow claim, String activityName) {
				fire(claim, activityName, false);
			}

			@Override
			public void afterCompletionRecorded(ClaimedWorkflow claim, String activityName) {
				fire(claim, activityName, true);
			}

		};
	}

	private void arm(String activityName, @Nullable String workflowId, boolean afterRecording) {
		arm(activityName, workflowId, afterRecording, 1);
	}

	private void arm(String activityName, @Nullable String workflowId, boolean afterRecording, int completions) {
		Objects.requireNonNull(activityName, "activityName");
		if (completions < 1) {
			throw new IllegalArgumentException("A crash after " + completions + " completions of activity '"
					+ activityName + "' can never fire: pass 1 or more (1 crashes after the first completion)");
		}
		this.armed.add(new CrashPoint(activityName, workflowId, afterRecording, new AtomicInteger(completions)));
	}

	private void fire(ClaimedWorkflow claim, String activityName, boolean afterRecording) {
		if (!afterRecording && this.claims.containsValue(claim)) {
			// The run's process is dead: activity futures it started, still running, record nothing.
			throw new RunAbandonedError(new IllegalStateException("activity '" + activityName + "' ended after its "
					+ "run crashed (injected by WorkflowCrashes); its completion is not recorded"));
		}
		for (CrashPoint point : this.armed) {
			if (point.matches(claim.workflowId(), activityName, afterRecording) && point.countDown()
					&& this.armed.remove(point)) {
				Crash crash = new Crash(claim.workflowId(), activityName, afterRecording);
				this.claims.put(crash, claim);
				this.crashes.put(claim.workflowId(), crash);
				throw new RunAbandonedError(new IllegalStateException("crash injected by WorkflowCrashes "
						+ (afterRecording ? "after" : "before") + " recording activity '" + activityName + "'"));
			}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a crash", ex);
		}
	}

	/**
	 * A crash that happened.
	 * @param workflowId the workflow whose run stopped
	 * @param activityName the activity it stopped at, as journaled
	 * @param recorded whether the activity's completion was recorded before the crash
	 */
	public record Crash(String workflowId, String activityName, boolean recorded) {
	}

	private record CrashPoint(String activityName, @Nullable String workflowId, boolean afterRecording,
			AtomicInteger completionsLeft) {

		boolean matches(String workflowId, String activity, boolean after) {
			return this.afterRecording == after && ActivityNames.matches(activity, this.activityName)
					&& (this.workflowId == null || this.workflowId.equals(workflowId));
		}

		/**
		 * Count one match; tell whether it is the one to crash at.
		 */
		boolean countDown() {
			return this.completionsLeft.decrementAndGet() == 0;
		}

		@Override
		public String toString() {
			int left = this.completionsLeft.get();
			return (this.afterRecording ? "after " : "before recording ")
					+ ((left > 1) ? left + " more completions of " : "") + this.activityName
					+ ((this.workflowId != null) ? " of " + this.workflowId : "");
		}

	}

}
