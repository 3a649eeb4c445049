package dev.durable.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.durable.engine.DurableClock;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.assembly.EngineOptions;
import dev.durable.engine.assembly.EngineParts;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.observe.ExecutionObserver;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.retry.RetryPolicies;
import dev.durable.engine.retry.RetryPolicy;
import dev.durable.engine.run.EngineSettings;
import dev.durable.engine.run.JsonCodec;
import dev.durable.engine.run.ReplayChecker;
import dev.durable.store.PostgresPublishedNotifications;
import dev.durable.store.StoreDialect;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.system.ApplicationPid;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The engine, imported by {@link DurableAutoConfiguration}: one {@link DurableEngine} built from
 * the beans an application may replace and its {@code durable.*} properties. The runner, the
 * starter, the activity invoker, the lease keeper, child workflows, the retrier, the workers and
 * the retention sweeper live inside it, not as beans: they share one
 * run's state and only work together. An application changes the engine through the beans
 * {@link DurableAutoConfiguration} lets it replace, its properties, and the optional
 * {@link WorkflowEventListener}, {@link ExecutionObserver} and {@link ActivityFaults} beans.
 */
@Configuration(proxyBeanMethods = false)
class DurableEngineConfiguration {

	@Bean
	DurableEngine durableEngine(WorkflowStore store, JsonCodec codec, DurableClock clock, RetryPolicies retryPolicies,
			DurableMethods durableMethods, PlatformTransactionManager transactionManager, BeanFactory beanFactory,
			DurableProperties properties, ObjectProvider<WorkflowEventListener> listeners,
			ObjectProvider<ExecutionObserver> observer, ObjectProvider<ActivityFaults> faults) {
		EngineParts parts = new EngineParts(store, codec, clock, retryPolicies, durableMethods,
				transactionManager, beanFactory, listeners.orderedStream().toList(),
				observer.getIfUnique(() -> ExecutionObserver.NONE), faults.getIfUnique());
		return new DurableEngine(parts, settings(properties), options(properties));
	}

	/**
	 * The replay check of a stored workflow against the current code, a bean because the testing
	 * guide offers it to applications that do not use {@code durable-test}.
	 */
	@Bean
	ReplayChecker durableReplayChecker(DurableEngine engine) {
		return engine.replayChecker();
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
				DurableEngine engine) {
			return new PostgresPublishedNotifications(dataSource, dialect, engine::publishedElsewhere);
		}

	}

	static EngineSettings settings(DurableProperties properties) {
		DurableWorkerProperties worker = properties.getWorker();
		String nodeId = (properties.getNodeId() != null) ? properties.getNodeId() : defaultNodeId();
		return new EngineSettings(nodeId, worker.getConcurrency(), worker.getPollInterval(), worker.getLeaseDuration(),
				worker.getShutdownTimeout(), worker.getInThreadWaitLimit(), defaultRetry(properties),
				worker.getMaxRunAttempts(), queues(properties));
	}

	/**
	 * The configured queues' limits, checked: a bad value fails start-up naming its property.
	 */
	static List<QueueLimits> queues(DurableProperties properties) {
		List<QueueLimits> queues = new ArrayList<>();
		properties.getQueues().forEach((name, queue) -> queues.add(queue.toLimits(name)));
		return queues;
	}

	/**
	 * The retry policy of activities that name none, from {@code durable.activity.default-retry.*}.
	 */
	static RetryPolicy defaultRetry(DurableProperties properties) {
		DurableActivityProperties.DefaultRetry retry = properties.getActivity().getDefaultRetry();
		return RetryPolicy.exponential("default", retry.getMaxAttempts(), retry.getInitialInterval(),
				retry.getMultiplier(), retry.getMaxInterval());
	}

	private static EngineOptions options(DurableProperties properties) {
		DurableProperties.Retention retention = properties.getRetention();
		return new EngineOptions(properties.getWorker().isEnabled(),
				properties.getWorker().getTimedActivityThreads(),
				retention.isEnabled() ? new EngineOptions.Retention(retention.getPeriod(),
						retention.getInterval(), retention.getBatchSize()) : null,
				properties.getEvents().getPollInterval(), properties.getWorker().getAsyncActivityConcurrency());
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

}
