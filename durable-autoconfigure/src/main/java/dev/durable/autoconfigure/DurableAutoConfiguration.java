package dev.durable.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.durable.WorkflowClient;
import dev.durable.engine.ActivityFaults;
import dev.durable.engine.ActivityInvoker;
import dev.durable.engine.ActivityTransactions;
import dev.durable.engine.ChildWorkflows;
import dev.durable.engine.CompletionWaiters;
import dev.durable.engine.DefaultRetryPolicies;
import dev.durable.engine.DefaultWorkflowClient;
import dev.durable.engine.DurableAdvisingPostProcessor;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.DurableMethods;
import dev.durable.engine.DurableStartupValidator;
import dev.durable.engine.EngineContext;
import dev.durable.engine.EngineSettings;
import dev.durable.engine.ExecutionObserver;
import dev.durable.engine.JsonCodec;
import dev.durable.engine.LeaseKeeper;
import dev.durable.engine.RetryPolicies;
import dev.durable.engine.Resilience4jRetryPolicies;
import dev.durable.engine.ReplayChecker;
import dev.durable.engine.RetentionSweeper;
import dev.durable.engine.RetryPolicy;
import dev.durable.engine.WorkerDispatch;
import dev.durable.engine.WorkflowEventListener;
import dev.durable.engine.WorkflowEventListeners;
import dev.durable.engine.WorkflowOutcomes;
import dev.durable.engine.WorkflowRetrier;
import dev.durable.engine.WorkflowRunner;
import dev.durable.engine.TimedAttempts;
import dev.durable.engine.WorkflowStarter;
import dev.durable.engine.WorkflowStore;
import dev.durable.engine.WorkflowWorker;
import dev.durable.store.JpaWorkflowStore;
import dev.durable.store.H2CommitDurability;
import dev.durable.store.StoreDialect;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.system.ApplicationPid;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * Durable's engine: the proxies of workflow and activity beans, the JPA journal, the workers
 * and the {@link WorkflowClient}.
 */
@AutoConfiguration(after = { DurableJpaAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
		JacksonAutoConfiguration.class, TransactionAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "durable.enabled", matchIfMissing = true)
@ConditionalOnBean({ EntityManagerFactory.class, PlatformTransactionManager.class, DurableSchemaInitializer.class })
@EnableConfigurationProperties(DurableProperties.class)
public final class DurableAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DurableMethods durableMethods() {
		return new DurableMethods();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DurableAdvisingPostProcessor durableAdvisingPostProcessor(DurableMethods durableMethods,
			ObjectProvider<WorkflowStarter> starter, ObjectProvider<ActivityInvoker> activities,
			ObjectProvider<ChildWorkflows> children) {
		return new DurableAdvisingPostProcessor(durableMethods, starter::getObject, activities::getObject,
				children::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock durableClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	JsonCodec durableJsonCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new JsonCodec(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	WorkflowStore durableWorkflowStore(EntityManagerFactory entityManagerFactory,
			PlatformTransactionManager transactionManager, DataSource dataSource, StoreDialect dialect, Clock clock,
			DurableProperties properties, ObjectProvider<H2CommitDurability> durableCommits) {
		// Made first: on an H2 file, commits must reach the file before the journal's first write.
		durableCommits.getIfAvailable();
		DurableProperties.GroupCommit groupCommit = properties.getJdbc().getGroupCommit();
		if (groupCommit.getMaxBatch() < 1 || groupCommit.getMaxInFlight() < 1) {
			throw new IllegalStateException("durable.jdbc.group-commit.max-batch and max-in-flight must be at least 1, "
					+ "were " + groupCommit.getMaxBatch() + " and " + groupCommit.getMaxInFlight()
					+ "; set durable.jdbc.group-commit.enabled=false to turn group commit off");
		}
		// Shared commits write on the connections of the persistence unit's own data source.
		DataSource journalDataSource = (entityManagerFactory instanceof EntityManagerFactoryInfo info
				&& info.getDataSource() != null) ? info.getDataSource() : dataSource;
		return new JpaWorkflowStore(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
				transactionManager, dialect, clock,
				groupCommit.isEnabled() ? journalDataSource : null, groupCommit.getMaxBatch(),
				groupCommit.getMaxInFlight());
	}

	@Bean
	EngineContext durableEngineContext(WorkflowStore store, JsonCodec codec, Clock clock,
			DurableProperties properties, ObjectProvider<WorkflowEventListener> listeners) {
		return new EngineContext(store, codec, clock, settings(properties),
				new WorkflowEventListeners(listeners.orderedStream().toList()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnMissingClass("io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties")
	RetryPolicies durableRetryPolicies(EngineContext engine) {
		return new DefaultRetryPolicies(engine.settings().defaultRetry());
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
	LeaseKeeper durableLeaseKeeper(WorkflowStore store, Clock clock, DurableProperties properties) {
		return new LeaseKeeper(store, clock, properties.getWorker().getLeaseDuration());
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
	@ConditionalOnMissingBean
	WorkflowClient workflowClient(WorkflowStarter starter, EngineContext engine, WorkflowOutcomes outcomes,
			LeaseKeeper leases, ObjectProvider<WorkflowWorker> worker) {
		return new DefaultWorkflowClient(starter, engine, outcomes, leases, wakeUp(worker));
	}

	/**
	 * Wake this node's workers, if it runs any; looked up late because the worker depends on
	 * the runner.
	 */
	private static WorkerDispatch wakeUp(ObjectProvider<WorkflowWorker> worker) {
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
	 * Retry policies from Resilience4j's registry: the application's own {@link RetryRegistry}
	 * bean if it has one, else one built from {@code resilience4j.retry.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RetryRegistry.class, CommonRetryConfigurationProperties.class })
	@EnableConfigurationProperties(Resilience4jRetryProperties.class)
	static class Resilience4jRetryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RetryRegistry retryRegistry(Resilience4jRetryProperties properties) {
			CompositeCustomizer<RetryConfigCustomizer> noCustomizers = new CompositeCustomizer<>(List.of());
			Map<String, RetryConfig> configs = new HashMap<>();
			properties.getConfigs()
				.forEach((name, config) -> configs.put(name, properties.createRetryConfig(config, noCustomizers, name)));
			RetryRegistry registry = RetryRegistry.of(configs);
			properties.getInstances()
				.keySet()
				.forEach((name) -> registry.retry(name, properties.createRetryConfig(name, noCustomizers)));
			return registry;
		}

		@Bean
		@ConditionalOnMissingBean
		RetryPolicies durableRetryPolicies(EngineContext engine, RetryRegistry registry, DurableProperties properties) {
			String instance = properties.getActivity().getDefaultRetry().getInstance();
			RetryPolicy defaultPolicy = engine.settings().defaultRetry();
			if (StringUtils.hasText(instance)) {
				defaultPolicy = registry.find(instance)
					.map((retry) -> Resilience4jRetryPolicies.toPolicy(instance, retry.getRetryConfig()))
					.orElseThrow(() -> new DurableConfigurationException("durable.activity.default-retry.instance names '"
							+ instance + "', which is not configured under resilience4j.retry.instances",
							"Configure resilience4j.retry.instances." + instance + ".* or remove the property."));
			}
			return new Resilience4jRetryPolicies(defaultPolicy, registry);
		}

	}

	@Bean
	ReplayChecker durableReplayChecker(EngineContext engine, DurableMethods durableMethods,
			BeanFactory beanFactory) {
		return new ReplayChecker(engine, durableMethods, beanFactory);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "durable.retention.enabled", matchIfMissing = true)
	RetentionSweeper durableRetentionSweeper(WorkflowStore store, Clock clock, DurableProperties properties) {
		DurableProperties.Retention retention = properties.getRetention();
		return new RetentionSweeper(store, clock, retention.getPeriod(), retention.getInterval(),
				retention.getBatchSize());
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
