package dev.durable.engine.run;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.durable.engine.client.DurableAdvisingPostProcessor;
import dev.durable.engine.client.DurableMethodInterceptor;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.observe.ExecutionObserver;
import dev.durable.engine.retry.DefaultRetryPolicies;
import dev.durable.engine.retry.RetryPolicy;
import dev.durable.engine.worker.WorkflowWorker;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The real engine wired by hand around plain workflow and activity objects, without a Spring
 * context or a database: a {@link WorkflowRunner} and an {@link ActivityInvoker} over an
 * {@link InMemoryJournal} and a {@link SteppedClock}, and each registered object behind a Spring AOP
 * proxy carrying the {@link DurableMethodInterceptor}, as {@link DurableAdvisingPostProcessor} puts
 * it on a bean. Several harnesses may share one journal and clock: that is a deploy of new code
 * against the workflows the old code left behind.
 *
 * <p>Workflows run only when a test says so ({@link #runDue()}), on the test's thread, through
 * the same claim a worker makes.
 */
final class EngineHarness implements AutoCloseable {

	/** Waits up to this long keep the thread; a test that wants a suspension waits longer. */
	static final Duration IN_THREAD_LIMIT = Duration.ofMillis(100);

	static final Duration LEASE = Duration.ofSeconds(30);

	private static final String NODE = "unit-node";

	private final InMemoryJournal journal;

	private final SteppedClock clock;

	private final DurableMethods methods = new DurableMethods();

	private final StaticListableBeanFactory beans = new StaticListableBeanFactory();

	private final EngineContext engine;

	private final ActivityInvoker activities;

	private final WorkflowRunner runner;

	private final DefaultPointcutAdvisor advisor;

	/**
	 * Wire the engine.
	 * @param journal the journal, possibly shared with another harness
	 * @param clock the clock, shared with the journal
	 * @param retry the retry policy of every activity
	 */
	EngineHarness(InMemoryJournal journal, SteppedClock clock, RetryPolicy retry) {
		this(journal, clock, retry, 4);
	}

	/**
	 * Wire the engine with a pool of activity futures of the given size.
	 * @param journal the journal, possibly shared with another harness
	 * @param clock the clock, shared with the journal
	 * @param retry the retry policy of every activity
	 * @param asyncConcurrency the threads of the pool of activity futures
	 */
	EngineHarness(InMemoryJournal journal, SteppedClock clock, RetryPolicy retry, int asyncConcurrency) {
		this(journal, clock, retry, asyncConcurrency, new LeaseKeeper(journal));
	}

	/**
	 * Wire the engine with the given keeper of its runs' leases.
	 * @param journal the journal, possibly shared with another harness
	 * @param clock the clock, shared with the journal
	 * @param retry the retry policy of every activity
	 * @param asyncConcurrency the threads of the pool of activity futures
	 * @param leases the keeper of running and parked claims
	 */
	EngineHarness(InMemoryJournal journal, SteppedClock clock, RetryPolicy retry, int asyncConcurrency,
			LeaseKeeper leases) {
		this.journal = journal;
		this.clock = clock;
		EngineSettings settings = new EngineSettings(NODE, 1, Duration.ofSeconds(1), LEASE, Duration.ofSeconds(1),
				IN_THREAD_LIMIT, retry);
		this.engine = new EngineContext(journal, new JsonCodec(JsonMapper.builder().build()), clock, settings);
		this.activities = new ActivityInvoker(new DefaultRetryPolicies(retry),
				new ActivityTransactions(new NoTransactions(), this.beans), new TimedAttempts(1),
				ExecutionObserver.NONE, null, new AsyncActivities(asyncConcurrency));
		WorkerDispatch dispatch = () -> {
		};
		ChildWorkflows children = new ChildWorkflows(dispatch);
		DurableMethodInterceptor interceptor = new DurableMethodInterceptor(this.methods, () -> {
			throw new UnsupportedOperationException("Unit tests start workflows with EngineHarness.start");
		}, () -> this.activities, () -> children);
		this.advisor = new DefaultPointcutAdvisor(new DurablePointcut(), interceptor);
		this.runner = new WorkflowRunner(this.engine, this.methods, this.beans, leases,
				new CompletionWaiters(), dispatch);
	}

	/**
	 * Return a worker that claims and runs due workflows on threads of its own, as a node does.
	 * @return the worker, not yet started
	 */
	WorkflowWorker worker() {
		return new WorkflowWorker(this.engine, this.runner, new LeaseKeeper(this.journal));
	}

	/**
	 * Register a workflow or activity object as a bean and return its proxy, which is what other
	 * objects must call it through.
	 * @param <T> the object's type
	 * @param target the plain object
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	<T> T register(T target) {
		String name = Introspector.decapitalize(target.getClass().getSimpleName());
		this.methods.register(name, target.getClass());
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(this.advisor);
		T proxy = (T) factory.getProxy(target.getClass().getClassLoader());
		this.beans.addBean(name, proxy);
		return proxy;
	}

	/**
	 * Create a workflow for the workers, as {@code WorkflowClient.start} does.
	 * @param id the workflow id
	 * @param type the workflow type name
	 * @param arguments the entry point's arguments
	 */
	void start(String id, String type, Object... arguments) {
		WorkflowDefinition definition = this.methods.workflow(type);
		if (definition == null) {
			throw new IllegalArgumentException("No registered entry point has type '" + type + "'");
		}
		String input = this.engine.codec().writeArguments(type, definition.method(), arguments);
		this.journal.create(NewWorkflow.pending(id, type, input, this.clock.instant()));
	}

	/**
	 * Claim every workflow due now and run each on this thread until it ends or suspends.
	 * @return how many ran
	 */
	int runDue() {
		Instant now = this.clock.instant();
		List<ClaimedRun> due = this.journal.claimDue(NODE, now, now.plus(LEASE), 100);
		for (ClaimedRun run : due) {
			this.runner.run(run.claim(), run.loaded());
		}
		return due.size();
	}

	/**
	 * Read a workflow's row.
	 * @param id the workflow id
	 * @return the row
	 */
	WorkflowRecord workflow(String id) {
		return this.journal.find(id).orElseThrow();
	}

	/**
	 * Read a workflow's journal.
	 * @param id the workflow id
	 * @return its events in order
	 */
	List<JournalEvent> events(String id) {
		return this.journal.journal(id);
	}

	/**
	 * Replay a workflow's journal against this harness's code without running or writing anything.
	 * @param id the workflow id
	 * @return the outcome of the check
	 */
	ReplayChecker.ReplayResult check(String id) {
		return new ReplayChecker(this.engine, this.methods, this.beans).check(id);
	}

	@Override
	public void close() {
		this.activities.close();
	}

	/** Matches entry points and activities by their annotations, as Durable's own advisor does. */
	private static final class DurablePointcut extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return DurableMethods.isDurable(method, targetClass);
		}

	}

	/** The unit tests' activities are not {@code @Transactional}: no transaction is ever begun. */
	private static final class NoTransactions implements PlatformTransactionManager {

		@Override
		public TransactionStatus getTransaction(TransactionDefinition definition) {
			throw new UnsupportedOperationException("Unit-tested activities run without transactions");
		}

		@Override
		public void commit(TransactionStatus status) {
			throw new UnsupportedOperationException("Unit-tested activities run without transactions");
		}

		@Override
		public void rollback(TransactionStatus status) {
			throw new UnsupportedOperationException("Unit-tested activities run without transactions");
		}

	}

}
