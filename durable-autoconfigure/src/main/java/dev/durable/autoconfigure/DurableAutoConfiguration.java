package dev.durable.autoconfigure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.durable.WorkflowClient;
import dev.durable.engine.ActivityInvoker;
import dev.durable.engine.ChildWorkflows;
import dev.durable.engine.DefaultRetryPolicies;
import dev.durable.engine.DefaultWorkflowClient;
import dev.durable.engine.DurableAdvisingPostProcessor;
import dev.durable.engine.DurableClock;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.DurableMethods;
import dev.durable.engine.EngineContext;
import dev.durable.engine.JsonCodec;
import dev.durable.engine.LeaseKeeper;
import dev.durable.engine.PublishedEvents;
import dev.durable.engine.Resilience4jRetryPolicies;
import dev.durable.engine.RetryPolicies;
import dev.durable.engine.RetryPolicy;
import dev.durable.engine.WorkflowOutcomes;
import dev.durable.engine.WorkflowStarter;
import dev.durable.engine.WorkflowStore;
import dev.durable.engine.WorkflowWorker;
import dev.durable.store.H2CommitDurability;
import dev.durable.store.JpaWorkflowStore;
import dev.durable.store.StoreDialect;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties;
import io.github.resilience4j.common.retry.configuration.RetryConfigCustomizer;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.StringUtils;

/**
 * Durable's engine: the proxies of workflow and activity beans, the JPA journal, the workers
 * and the {@link WorkflowClient}.
 *
 * <p>What an application may replace is declared here, each backing off when the application
 * defines its own: the {@link DurableClock}, the {@link JsonCodec}, the {@link WorkflowStore},
 * the {@link RetryPolicies} and the {@link WorkflowClient}. The engine's internals, which only
 * work together, come from {@link DurableEngineConfiguration} and are not replaceable one by
 * one.
 *
 * <p>Ordered after Resilience4j's retry auto-configuration, when it is present, so that its
 * {@link RetryRegistry} is the one the retry policies read.
 */
@AutoConfiguration(
		after = { DurableJpaAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				JacksonAutoConfiguration.class, TransactionAutoConfiguration.class },
		afterName = { "io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
				"io.github.resilience4j.retry.autoconfigure.RetryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "durable.enabled", matchIfMissing = true)
@ConditionalOnBean({ EntityManagerFactory.class, PlatformTransactionManager.class, DurableSchemaInitializer.class })
@EnableConfigurationProperties(DurableProperties.class)
@Import(DurableEngineConfiguration.class)
public final class DurableAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static DurableMethods durableMethods() {
		return new DurableMethods();
	}

	/**
	 * Advises workflow and activity beans. A post-processor is created before any other bean, so
	 * it reaches the engine only through providers, when a proxied method is first called.
	 */
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
	DurableClock durableClock() {
		return DurableClock.systemUTC();
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
			PlatformTransactionManager transactionManager, DataSource dataSource, StoreDialect dialect,
			DurableClock clock, DurableProperties properties, ObjectProvider<H2CommitDurability> durableCommits) {
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
				transactionManager, dialect, clock.clock(),
				groupCommit.isEnabled() ? journalDataSource : null, groupCommit.getMaxBatch(),
				groupCommit.getMaxInFlight());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnMissingClass("io.github.resilience4j.common.retry.configuration.CommonRetryConfigurationProperties")
	RetryPolicies durableRetryPolicies(EngineContext engine) {
		return new DefaultRetryPolicies(engine.settings().defaultRetry());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowClient workflowClient(WorkflowStarter starter, EngineContext engine, WorkflowOutcomes outcomes,
			LeaseKeeper leases, ObjectProvider<WorkflowWorker> worker, PublishedEvents published) {
		return new DefaultWorkflowClient(starter, engine, outcomes, leases, DurableEngineConfiguration.wakeUp(worker),
				published);
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

}
