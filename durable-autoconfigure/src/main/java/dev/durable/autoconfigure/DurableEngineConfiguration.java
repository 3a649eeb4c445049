package dev.durable.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import javax.sql.DataSource;

import dev.durable.engine.ActivityFaults;
import dev.durable.engine.ActivityInvoker;
import dev.durable.engine.ActivityTransactions;
import dev.durable.engine.ChildWorkflows;
import dev.durable.engine.CompletionWaiters;
import dev.durable.engine.DurableClock;
import dev.durable.engine.DurableMethods;
import dev.durable.engine.DurableStartupValidator;
import dev.durable.engine.EngineContext;
import dev.durable.engine.EngineSettings;
import dev.durable.engine.ExecutionObserver;
import dev.durable.engine.JsonCodec;
import dev.durable.engine.LeaseKeeper;
import dev.durable.engine.PublishedEvents;
import dev.durable.engine.ReplayChecker;
import dev.durable.engine.RetentionSweeper;
import dev.durable.engine.RetryPolicies;
import dev.durable.engine.RetryPolicy;
import dev.durable.engine.TimedAttempts;
import dev.durable.engine.WorkerDispatch;
import dev.durable.engine.WorkflowEventListener;
import dev.durable.engine.WorkflowEventListeners;
import dev.durable.engine.WorkflowOutcomes;
import dev.durable.engine.WorkflowRetrier;
import dev.durable.engine.WorkflowRunner;
import dev.durable.engine.WorkflowStarter;
import dev.durable.engine.WorkflowStore;
import dev.durable.engine.WorkflowWorker;
import dev.durable.store.PostgresPublishedNotifications;
import dev.durable.store.StoreDialect;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.system.ApplicationPid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The engine's internals, imported by {@link DurableAutoConfiguration}: the runner, the starter,
 * the activity invoker, the lease keeper, the completion waiters, child workflows, the retrier,
 * the replay checker, the retention sweeper and the workers.
 *
 * <p>They share one run's state and only work together, so none of them backs off for a bean of
 * the application's: an application changes the engine through the beans
 * {@link DurableAutoConfiguration} lets it replace, its {@code durable.*} properties, and the
 * optional {@link WorkflowEventListener}, {@link ExecutionObserver} and {@link ActivityFaults}
 * beans.
 */
@Configuration(proxyBeanMethods = false)
class DurableEngineConfiguration {

	@Bean
	EngineContext durableEngineContext(WorkflowStore store, JsonCodec codec, DurableClock clock,
			DurableProperties properties, ObjectProvider<WorkflowEventListener> listeners) {
		return new EngineContext(store, codec, clock.clock(), settings(properties),
				new WorkflowEventListeners(listeners.orderedStream().toList()));
	}

	@Bean
	DurableStartupValidator durableStartupValidator(DurableMethods durableMethods, RetryPolicies retryPolicies) {
		return new DurableStartupValidator(durableMethods, retryPolicies);
	}

	@Bean
	ActivityInvoker durableActivityInvoker(RetryPolicies retryPolicies, PlatformTransactionManager transactionManager,
			BeanFactory beanFactory, DurableProperties properties, ObjectProvider<ExecutionObserver> observer,
			ObjectProvider<ActivityFaults> faults) {
		return new ActivityInvoker(retryPolicies, new ActivityTransactions(transactionManager, beanFactory),
				new TimedAttempts(properties.getWorker().getTimedActivityThreads()),
				observer.getIfUnique(() -> ExecutionObserver.NONE), faults.getIfUnique());
	}

	@Bean
	LeaseKeeper durableLeaseKeeper(WorkflowStore store, DurableClock clock, DurableProperties properties) {
		return new LeaseKeeper(store, clock.clock(), properties.getWorker().getLeaseDuration());
	}

	@Bean
	CompletionWaiters durableCompletionWaiters() {
		return new CompletionWaiters();
	}

	@Bean
	PublishedEvents durablePublishedEvents(WorkflowStore store, JsonCodec codec, DurableProperties properties) {
		return new PublishedEvents(store, codec, properties.getEvents().getPollInterval());
	}

	@Bean
	WorkflowOutcomes durableWorkflowOutcomes(WorkflowStore store, JsonCodec codec, DurableMethods durableMethods,
			CompletionWaiters waiters) {
		return new WorkflowOutcomes(store, codec, durableMethods, waiters);
	}

	@Bean
	WorkflowRunner durableWorkflowRunner(EngineContext engine, DurableMethods durableMethods, BeanFactory beanFactory,
			LeaseKeeper leases, CompletionWaiters waiters, ObjectProvider<WorkflowWorker> worker,
			ObjectProvider<ExecutionObserver> observer) {
		return new WorkflowRunner(engine, durableMethods, beanFactory, leases, waiters, wakeUp(worker),
				observer.getIfUnique(() -> ExecutionObserver.NONE));
	}

	@Bean
	ChildWorkflows durableChildWorkflows(ObjectProvider<WorkflowWorker> worker) {
		return new ChildWorkflows(wakeUp(worker));
	}

	@Bean
	WorkflowStarter durableWorkflowStarter(EngineContext engine, WorkflowRunner runner, WorkflowOutcomes outcomes,
			ObjectProvider<WorkflowWorker> worker, PlatformTransactionManager transactionManager) {
		return new WorkflowStarter(engine, runner, outcomes, wakeUp(worker), transactionManager);
	}

	@Bean
	WorkflowRetrier durableWorkflowRetrier(EngineContext engine, ObjectProvider<WorkflowWorker> worker) {
		return new WorkflowRetrier(engine, wakeUp(worker));
	}

	@Bean
	ReplayChecker durableReplayChecker(EngineContext engine, DurableMethods durableMethods,
			BeanFactory beanFactory) {
		return new ReplayChecker(engine, durableMethods, beanFactory);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "durable.retention.enabled", matchIfMissing = true)
	RetentionSweeper durableRetentionSweeper(WorkflowStore store, DurableClock clock, DurableProperties properties) {
		DurableProperties.Retention retention = properties.getRetention();
		return new RetentionSweeper(store, clock.clock(), retention.getPeriod(), retention.getInterval(),
				retention.getBatchSize());
	}

	/**
	 * Wake this node's workers, if it runs any; looked up late because the worker depends on
	 * the runner.
	 */
	static WorkerDispatch wakeUp(ObjectProvider<WorkflowWorker> worker) {
		return () -> worker.ifAvailable(WorkflowWorker::wakeUp);
	}

	private static EngineSettings settings(DurableProperties properties) {
		DurableProperties.Worker worker = properties.getWorker();
		DurableProperties.DefaultRetry retry = properties.getActivity().getDefaultRetry();
		String nodeId = (properties.getNodeId() != null) ? properties.getNodeId() : defaultNodeId();
		return new EngineSettings(nodeId, worker.getConcurrency(), worker.getPollInterval(), worker.getLeaseDuration(),
				worker.getShutdownTimeout(), worker.getInThreadWaitLimit(),
				RetryPolicy.exponential("default", retry.getMaxAttempts(), retry.getInitialInterval(),
						retry.getMultiplier(), retry.getMaxInterval()),
				worker.getMaxRunAttempts());
	}

	private static String defaultNodeId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + ":" + new ApplicationPid();
	}

	/**
	 * Readers of values published on other nodes, told at once on PostgreSQL when its driver is
	 * present (LISTEN/NOTIFY); elsewhere they look every {@code durable.events.poll-interval}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.postgresql.PGConnection")
	static class PublishedNotificationsConfiguration {

		@Bean
		PostgresPublishedNotifications durablePublishedNotifications(DataSource dataSource, StoreDialect dialect,
				PublishedEvents published) {
			return new PostgresPublishedNotifications(dataSource, dialect, published);
		}

	}

	/**
	 * The workers, unless {@code durable.worker.enabled=false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "durable.worker.enabled", matchIfMissing = true)
	static class WorkerConfiguration {

		@Bean
		WorkflowWorker durableWorkflowWorker(EngineContext engine, WorkflowRunner runner, LeaseKeeper leases) {
			return new WorkflowWorker(engine, runner, leases);
		}

	}

}
