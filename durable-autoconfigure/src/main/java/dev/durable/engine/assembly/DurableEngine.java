package dev.durable.engine.assembly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.durable.WorkflowClient;
import dev.durable.engine.client.DefaultWorkflowClient;
import dev.durable.engine.client.DurableAdvisingPostProcessor;
import dev.durable.engine.client.PublishedEvents;
import dev.durable.engine.client.ScheduledStarts;
import dev.durable.engine.client.WorkflowOutcomes;
import dev.durable.engine.client.WorkflowRetrier;
import dev.durable.engine.client.WorkflowStarter;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.observe.WorkflowEventListeners;
import dev.durable.engine.retry.DurableStartupValidator;
import dev.durable.engine.run.ActivityInvoker;
import dev.durable.engine.run.ActivityTransactions;
import dev.durable.engine.run.AsyncActivities;
import dev.durable.engine.run.ChildWorkflows;
import dev.durable.engine.run.CompletionWaiters;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.EngineSettings;
import dev.durable.engine.run.LeaseKeeper;
import dev.durable.engine.run.ReplayChecker;
import dev.durable.engine.run.ReservedRun;
import dev.durable.engine.run.TimedAttempts;
import dev.durable.engine.run.WorkerDispatch;
import dev.durable.engine.run.WorkflowRunner;
import dev.durable.engine.worker.DeadlineKeeper;
import dev.durable.engine.worker.RetentionSweeper;
import dev.durable.engine.worker.WorkflowWorker;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * One engine, built from the parts an application may replace and the settings: the runner, the
 * starter, the activity invoker, the lease keeper, child workflows, the retrier, the replay checker,
 * the workers and the retention sweeper live inside it and share one run's state.
 *
 * <p>It is the lifecycle of the workers, the lease keeper and the retention sweeper: it starts the
 * lease keeper before the workers and stops it after them, so that leases are renewed as long as a
 * workflow runs. Outside the engine, the auto-configuration registers only this object, the client
 * it makes and the {@link #advisingPostProcessor advising post-processor}.
 */
public final class DurableEngine implements SmartLifecycle, SmartInitializingSingleton, AutoCloseable {

	private final DurableStartupValidator validator;

	private final EngineContext context;

	private final LeaseKeeper leases;

	private final ActivityInvoker activities;

	private final ChildWorkflows children;

	private final CompletionWaiters waiters;

	private final WorkflowOutcomes outcomes;

	private final WorkflowStarter starter;

	private final WorkflowRetrier retrier;

	private final ReplayChecker replayChecker;

	private final PublishedEvents published;

	private final @Nullable WorkflowWorker worker;

	private final @Nullable RetentionSweeper retention;

	private final @Nullable DeadlineKeeper deadlines;

	private final ScheduledStarts schedules;

	private volatile boolean running;

	/**
	 * Build the engine.
	 * @param parts the replaceable parts and the application's collaborators
	 * @param settings the engine settings
	 * @param options which optional parts run on this node
	 */
	public DurableEngine(EngineParts parts, EngineSettings settings, EngineOptions options) {
		this.validator = new DurableStartupValidator(parts.methods(), parts.retryPolicies());
		this.published = new PublishedEvents(parts.store(), parts.codec(), options.eventPollInterval());
		List<WorkflowEventListener> listeners = new ArrayList<>(parts.listeners());
		listeners.add(this.published);
		this.context = new EngineContext(parts.store(), parts.codec(), parts.clock().clock(), settings,
				new WorkflowEventListeners(listeners));
		this.leases = new LeaseKeeper(parts.store(), this.context.clock(), settings.leaseDuration());
		this.activities = new ActivityInvoker(parts.retryPolicies(),
				new ActivityTransactions(parts.transactionManager(), parts.beanFactory()),
				new TimedAttempts(options.timedActivityThreads()), parts.observer(), parts.faults(),
				new AsyncActivities(options.asyncActivityConcurrency()));
		this.children = new ChildWorkflows(this::wakeUp);
		this.waiters = new CompletionWaiters();
		this.outcomes = new WorkflowOutcomes(parts.store(), parts.codec(), parts.methods(), this.waiters,
				this.leases::runsHere);
		WorkflowRunner runner = new WorkflowRunner(this.context, parts.methods(), parts.beanFactory(), this.leases,
				this.waiters, this::wakeUp, parts.observer());
		this.starter = new WorkflowStarter(this.context, runner, this.outcomes, new StartDispatch(),
				parts.transactionManager());
		this.retrier = new WorkflowRetrier(this.context, this::wakeUp);
		this.schedules = new ScheduledStarts(this.context, parts.methods(), this.starter, settings.pollInterval());
		this.replayChecker = new ReplayChecker(this.context, parts.methods(), parts.beanFactory());
		this.worker = options.workers() ? new WorkflowWorker(this.context, runner, this.leases) : null;
		this.deadlines = options.workers() ? new DeadlineKeeper(parts.store(), this.context.clock(),
				settings.pollInterval(), this.leases::cancelRequested, this::wakeUp) : null;
		EngineOptions.Retention keep = options.retention();
		this.retention = (keep != null) ? new RetentionSweeper(parts.store(), this.context.clock(), keep.period(),
				keep.interval(), keep.batchSize()) : null;
	}

	/**
	 * The post-processor that adds Durable's interceptor to workflow and activity beans. It is made
	 * before any other bean, so it reaches the engine only when a proxied method is first called.
	 * @param methods the registry the post-processor fills
	 * @param engine the engine, looked up on first use
	 * @return the post-processor
	 */
	public static DurableAdvisingPostProcessor advisingPostProcessor(DurableMethods methods,
			ObjectFactory<DurableEngine> engine) {
		return new DurableAdvisingPostProcessor(methods, () -> engine.getObject().starter,
				() -> engine.getObject().activities, () -> engine.getObject().children);
	}

	/**
	 * Make a workflow client on this engine.
	 * @return a new client
	 */
	public WorkflowClient newClient() {
		return new DefaultWorkflowClient(this.starter, this.context, this.outcomes, this.leases, this::wakeUp,
				this.published);
	}

	/**
	 * Tell this node's waiting {@code getEvent} readers of a value published on another node.
	 * @param workflowId the workflow that published it
	 * @param key the key it was published under
	 */
	public void publishedElsewhere(String workflowId, String key) {
		this.published.eventPublished(workflowId, key);
	}

	/**
	 * Return what every part of a run shares: the store, codec, clock, settings and listeners.
	 * @return the engine's context
	 */
	public EngineContext context() {
		return this.context;
	}

	/**
	 * Return the retrier of failed workflows, the actuator endpoint's one write that has no public
	 * API.
	 * @return the retrier
	 */
	public WorkflowRetrier retrier() {
		return this.retrier;
	}

	/**
	 * Return the schedules of {@code @DurableScheduled} entry points, which the actuator endpoint
	 * lists, pauses and resumes.
	 * @return the schedules
	 */
	public ScheduledStarts schedules() {
		return this.schedules;
	}

	/**
	 * Return the checker that replays a recorded workflow against the current code, for test
	 * support.
	 * @return the replay checker
	 */
	public ReplayChecker replayChecker() {
		return this.replayChecker;
	}

	/**
	 * Return the threads of this node that await a workflow's end, for tests of what a node keeps
	 * per workflow.
	 * @return the completion waiters
	 */
	public CompletionWaiters completionWaiters() {
		return this.waiters;
	}

	/**
	 * Return the claims of the workflows this node runs now, for test support.
	 * @return the running claims
	 */
	public List<ClaimedWorkflow> runningClaims() {
		return this.leases.running();
	}

	/**
	 * Return the claims of the workflows this node keeps parked: waiting in a
	 * {@code DurableFuture.get()} for activity futures that still run here; for test support.
	 * @return the parked claims
	 */
	public List<ClaimedWorkflow> parkedClaims() {
		return this.leases.parked();
	}

	/**
	 * Delete ended workflows older than the retention period as of {@code now}, in batches.
	 * @param now the instant the retention period counts back from
	 * @return how many workflows were deleted; 0 when retention is disabled
	 */
	public int sweepRetention(Instant now) {
		return (this.retention != null) ? this.retention.sweep(now) : 0;
	}

	/**
	 * Tell this node's workers that work may be due now; nothing when it runs none.
	 */
	public void wakeUp() {
		WorkflowWorker workers = this.worker;
		if (workers != null) {
			workers.wakeUp();
		}
	}

	/**
	 * Whether this node runs workers at all ({@code durable.worker.enabled}).
	 * @return whether it has workers
	 */
	public boolean hasWorkers() {
		return this.worker != null;
	}

	/**
	 * Whether this node's workers are running now.
	 * @return whether they run
	 */
	public boolean workersRunning() {
		WorkflowWorker workers = this.worker;
		return workers != null && workers.isRunning();
	}

	/**
	 * Check, once every bean is created and so every activity registered, that each activity's
	 * named retry policy exists.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.validator.afterSingletonsInstantiated();
		this.schedules.validate();
	}

	@Override
	public void start() {
		this.leases.start();
		if (this.worker != null) {
			this.worker.start();
		}
		if (this.retention != null) {
			this.retention.start();
		}
		if (this.deadlines != null) {
			this.deadlines.start();
			this.schedules.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.retention != null) {
			this.retention.stop();
		}
		if (this.deadlines != null) {
			this.deadlines.stop();
		}
		this.schedules.stop();
		if (this.worker != null) {
			this.worker.stop();
		}
		this.leases.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void close() {
		this.activities.close();
	}

	/**
	 * What a start asks of the workers: a wake-up, or a free thread of this node's own to hand the
	 * workflow to as soon as it is created (none when this node runs no workers).
	 */
	private final class StartDispatch implements WorkerDispatch {

		@Override
		public void wakeUp() {
			DurableEngine.this.wakeUp();
		}

		@Override
		public @Nullable ReservedRun reserve() {
			WorkflowWorker workers = DurableEngine.this.worker;
			return (workers != null) ? workers.reserve() : null;
		}

	}

}
