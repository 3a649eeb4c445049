package dev.durable.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.durable.engine.DurableClock;
import dev.durable.engine.client.WorkflowOutcomes;
import dev.durable.engine.client.WorkflowRetrier;
import dev.durable.engine.client.WorkflowStarter;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.observe.ExecutionObserver;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.observe.WorkflowEventListeners;
import dev.durable.engine.retry.DurableStartupValidator;
import dev.durable.engine.retry.RetryPolicies;
import dev.durable.engine.retry.RetryPolicy;
import dev.durable.engine.run.ActivityInvoker;
import dev.durable.engine.run.ActivityTransactions;
import dev.durable.engine.run.ChildWorkflows;
import dev.durable.engine.run.CompletionWaiters;
import dev.durable.engine.run.EngineContext;
import dev.durable.engine.run.EngineSettings;
import dev.durable.engine.run.JsonCodec;
import dev.durable.engine.run.LeaseKeeper;
import dev.durable.engine.run.ReplayChecker;
import dev.durable.engine.run.TimedAttempts;
import dev.durable.engine.run.WorkerDispatch;
import dev.durable.engine.run.WorkflowRunner;
import dev.durable.engine.worker.RetentionSweeper;
import dev.durable.engine.worker.WorkflowWorker;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
		DurableWorkerProperties worker = properties.getWorker();
		DurableActivityProperties.DefaultRetry retry = properties.getActivity().getDefaultRetry();
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
