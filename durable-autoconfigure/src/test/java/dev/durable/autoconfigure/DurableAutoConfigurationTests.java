package dev.durable.autoconfigure;

import dev.durable.WorkflowClient;
import dev.durable.WorkflowHandle;
import dev.durable.actuate.WorkflowsEndpoint;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableScheduled;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.run.ReplayChecker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-configuration: what it creates, when it backs off, and how start-up fails on declarations
 * it cannot run.
 */
class DurableAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableEndpointAutoConfiguration.class));

	@Test
	void createsTheClientStoreAndWorkerOnAnApplicationDataSource() {
		this.runner.withUserConfiguration(GreetingConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(WorkflowClient.class)
				.hasSingleBean(WorkflowStore.class)
				.hasSingleBean(DurableEngine.class)
				// docs/testing.md offers the replay check as a bean to applications without durable-test.
				.hasSingleBean(ReplayChecker.class);
			assertThat(context.getBean(DurableEngine.class).hasWorkers()).isTrue();
			WorkflowClient client = context.getBean(WorkflowClient.class);
			Greeter greeter = context.getBean(Greeter.class);
			WorkflowHandle<String> handle = client.start("hello-1", () -> greeter.greet("Ada"));
			assertThat(handle.await(java.time.Duration.ofSeconds(20))).isEqualTo("Hello, Ada!");
		});
	}

	@Test
	void isDisabledWithDurableEnabledFalse() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowStore.class)
				.doesNotHaveBean(DurableMethods.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnClient() {
		this.runner.withUserConfiguration(GreetingConfiguration.class, OwnClientConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WorkflowClient.class)
				.getBean(WorkflowClient.class)
				.isSameAs(context.getBean(OwnClientConfiguration.class).client));
	}

	@Test
	void runsNoWorkerWhenWorkersAreDisabledButStillStartsWorkflows() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.worker.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WorkflowClient.class);
				assertThat(context.getBean(DurableEngine.class).hasWorkers()).isFalse();
				WorkflowHandle<String> handle = context.getBean(WorkflowClient.class)
					.start("queued-1", () -> context.getBean(Greeter.class).greet("Bob"));
				assertThat(handle.status()).isEqualTo(dev.durable.WorkflowStatus.PENDING);
			});
	}

	@Test
	void runsWorkflowsWithGroupCommitOff() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.jdbc.group-commit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WorkflowHandle<String> handle = context.getBean(WorkflowClient.class)
					.start("unshared-1", () -> context.getBean(Greeter.class).greet("Grace"));
				assertThat(handle.await(java.time.Duration.ofSeconds(20))).isEqualTo("Hello, Grace!");
			});
	}

	@Test
	void aGroupCommitBatchOfZeroFailsStartUpNamingTheProperty() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.jdbc.group-commit.max-batch=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("durable.jdbc.group-commit.max-batch"));
	}

	@Test
	void aNodeWithoutWorkersStillRenewsTheLeasesOfTheWorkflowsItRuns() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.worker.enabled=false")
			.run((context) -> assertThat(context.getBean(DurableEngine.class).isRunning())
				.as("lease renewal runs for direct calls on a node without workers")
				.isTrue());
	}

	@Test
	void backsOffWithoutJpa() {
		this.runner.withClassLoader(new FilteredClassLoader("jakarta.persistence"))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowClient.class));
	}

	@Test
	void exposesTheEndpointOnlyWhenItIsExposed() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowsEndpoint.class));
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=workflows")
			.run((context) -> assertThat(context).hasSingleBean(WorkflowsEndpoint.class));
	}

	@Test
	void twoEntryPointsWithOneTypeNameFailStartUpNamingBoth() {
		this.runner.withUserConfiguration(DuplicateNamesConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("'shipping'")
				.contains("FirstShipping.ship")
				.contains("SecondShipping.ship");
			FailureAnalysis analysis = new DurableConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("@DurableWorkflow(name = ");
		});
	}

	@Test
	void anInvalidCronExpressionFailsStartUpNamingTheMethod() {
		this.runner.withUserConfiguration(BadCronConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("BadCron.settle").contains("'0 0 25 * * *'");
			assertThat(failure.getAction()).contains("six-field cron syntax");
		});
	}

	@Test
	void aScheduleOnAMethodThatIsNotAWorkflowFailsStartUpNamingIt() {
		this.runner.withUserConfiguration(StrayScheduleConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("StrayScheduledBean.cleanUp")
				.contains("not a workflow entry point");
			assertThat(failure.getAction()).contains("@DurableWorkflow").contains("@Scheduled");
		});
	}

	@Test
	void aScheduleOnAnActivityFailsStartUpNamingIt() {
		this.runner.withUserConfiguration(ScheduledActivityConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("ScheduledActivity.charge").contains("not a workflow entry point");
		});
	}

	@Test
	void aQueueThatIsNotConfiguredFailsStartUpNamingIt() {
		this.runner.withUserConfiguration(QueuedConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("'payments'").contains("Queued.charge").contains("durable.queues");
		});
	}

	@Test
	void aConfiguredQueueTakesItsLimitsAndRunsTheWorkflowsThatDeclareIt() {
		this.runner.withUserConfiguration(QueuedConfiguration.class)
			.withPropertyValues("durable.queues.payments.concurrency=3", "durable.queues.payments.node-concurrency=2",
					"durable.queues.payments.rate-limit=5", "durable.queues.payments.rate-period=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DurableEngine.class).context().settings().queues())
					.containsExactly(new QueueLimits("payments", 3, 2, 5, java.time.Duration.ofSeconds(1)));
				// A direct call of a queued type waits for room like a started one, then runs.
				context.getBean(Queued.class).charge();
				// Once the queue is empty, it has nothing to count.
				assertThat(context.getBean(WorkflowStore.class).countQueues()).isEmpty();
			});
	}

	@Test
	void aQueueConcurrencyBelowOneFailsStartUpNamingTheProperty() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.queues.payments.node-concurrency=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				DurableConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getMessage()).contains("durable.queues.payments.node-concurrency")
					.contains("at least 1");
				assertThat(failure.getAction()).contains("durable.queues.payments.node-concurrency");
			});
	}

	@Test
	void aRateLimitWithoutItsPeriodFailsStartUpNamingBoth() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.queues.payments.rate-limit=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				DurableConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getMessage()).contains("durable.queues.payments.rate-limit")
					.contains("durable.queues.payments.rate-period");
			});
	}

	@Test
	void anInvalidZoneFailsStartUpNamingTheMethod() {
		this.runner.withUserConfiguration(BadZoneConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			DurableConfigurationException failure = rootCause(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("BadZone.settle").contains("'Mars/Olympus'");
		});
	}

	@Test
	void anOverloadedEntryPointFailsStartUpNamingBothSignatures() {
		this.runner.withUserConfiguration(OverloadedConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()).getMessage()).contains("Overloaded.run is overloaded")
				.contains("run(String)")
				.contains("run(String, int)");
		});
	}

	@Test
	void anUnparsableActivityTimeoutFailsStartUp() {
		this.runner.withUserConfiguration(GreetingConfiguration.class, BadTimeoutConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()).getMessage())
					.contains("Activity 'SlowActivity.crawl'")
					.contains("\"soon\"");
			});
	}

	@Test
	void anActivityNamingAnUnknownRetryPolicyFailsStartUpNamingItAndTheKnownOnes() {
		this.runner.withUserConfiguration(GreetingConfiguration.class, MisnamedRetryConfiguration.class)
			.withPropertyValues("resilience4j.retry.instances.payment.max-attempts=3")
			.run((context) -> {
				assertThat(context).hasFailed();
				DurableConfigurationException failure = rootCause(context.getStartupFailure());
				assertThat(failure.getMessage()).isEqualTo("Activity 'Payments.charge' names retry policy 'paymnt', "
						+ "which is not configured under resilience4j.retry.instances (known: payment)");
				assertThat(failure.getAction()).contains("resilience4j.retry.instances.paymnt");
			});
	}

	@Test
	void namedRetryPoliciesComeFromTheResilience4jConfiguration() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("resilience4j.retry.instances.payment.max-attempts=7",
					"resilience4j.retry.instances.payment.wait-duration=250ms")
			.run((context) -> {
				io.github.resilience4j.retry.RetryRegistry registry = context
					.getBean(io.github.resilience4j.retry.RetryRegistry.class);
				assertThat(registry.find("payment")).hasValueSatisfying(
						(retry) -> assertThat(retry.getRetryConfig().getMaxAttempts()).isEqualTo(7));
			});
	}

	@Test
	void theDefaultPolicyCanBeAResilience4jInstance() {
		this.runner.withUserConfiguration(GreetingConfiguration.class)
			.withPropertyValues("durable.activity.default-retry.instance=standard",
					"resilience4j.retry.instances.standard.max-attempts=9",
					"resilience4j.retry.instances.standard.wait-duration=3s")
			.run((context) -> {
				dev.durable.engine.retry.RetryPolicies policies = context.getBean(dev.durable.engine.retry.RetryPolicies.class);
				dev.durable.engine.definition.ActivityDefinition hello = context.getBean(DurableMethods.class)
					.activities()
					.stream()
					.filter((activity) -> activity.name().equals("Phrases.hello"))
					.findFirst()
					.orElseThrow();
				dev.durable.engine.retry.RetryPolicy policy = policies.policyFor(hello);
				assertThat(policy.maxAttempts()).isEqualTo(9);
				assertThat(policy.backoffAfter(1, new IllegalStateException())).isEqualTo(java.time.Duration.ofSeconds(3));
			});
	}

	@Test
	void withoutAnInstanceTheDefaultPolicyRetriesUntilSuccessWithCappedExponentialBackoff() {
		this.runner.withUserConfiguration(GreetingConfiguration.class).run((context) -> {
			dev.durable.engine.retry.RetryPolicy policy = context.getBean(DurableEngine.class)
				.context()
				.settings()
				.defaultRetry();
			assertThat(policy.maxAttempts()).isZero();
			assertThat(policy.allowsRetry(1_000, new IllegalStateException())).isTrue();
			assertThat(policy.backoffAfter(1, new IllegalStateException())).isEqualTo(java.time.Duration.ofSeconds(1));
			assertThat(policy.backoffAfter(2, new IllegalStateException())).isEqualTo(java.time.Duration.ofSeconds(2));
			assertThat(policy.backoffAfter(20, new IllegalStateException())).isEqualTo(java.time.Duration.ofMinutes(1));
		});
	}

	private static DurableConfigurationException rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof DurableConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a DurableConfigurationException in " + failure).isNotNull();
		return (DurableConfigurationException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class BadCronConfiguration {

		@Bean
		BadCron badCron() {
			return new BadCron();
		}

	}

	@DurableWorkflow
	static class BadCron {

		@DurableScheduled(cron = "0 0 25 * * *")
		public void settle() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StrayScheduleConfiguration {

		@Bean
		StrayScheduledBean strayScheduledBean() {
			return new StrayScheduledBean();
		}

	}

	static class StrayScheduledBean {

		@DurableScheduled(cron = "0 0 2 * * *")
		public void cleanUp() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduledActivityConfiguration {

		@Bean
		ScheduledActivity scheduledActivity() {
			return new ScheduledActivity();
		}

	}

	@Activity
	static class ScheduledActivity {

		@DurableScheduled(cron = "0 0 2 * * *")
		public void charge() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QueuedConfiguration {

		@Bean
		Queued queued() {
			return new Queued();
		}

	}

	@DurableWorkflow(queue = "payments")
	static class Queued {

		public void charge() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadZoneConfiguration {

		@Bean
		BadZone badZone() {
			return new BadZone();
		}

	}

	@DurableWorkflow
	static class BadZone {

		@DurableScheduled(cron = "0 0 2 * * *", zone = "Mars/Olympus")
		public void settle() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreetingConfiguration {

		@Bean
		Greeter greeter(Phrases phrases) {
			return new Greeter(phrases);
		}

		@Bean
		Phrases phrases() {
			return new Phrases();
		}

	}

	@DurableWorkflow
	static class Greeter {

		private final Phrases phrases;

		Greeter(Phrases phrases) {
			this.phrases = phrases;
		}

		public String greet(String name) {
			return this.phrases.hello(name);
		}

	}

	@Activity
	static class Phrases {

		public String hello(String name) {
			return "Hello, " + name + "!";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		final WorkflowClient client = new WorkflowClient() {

			@Override
			public <R> WorkflowHandle<R> start(String workflowId, java.util.function.Supplier<R> entryPointCall) {
				throw new UnsupportedOperationException();
			}

			@Override
			public WorkflowHandle<Void> start(String workflowId, Runnable entryPointCall) {
				throw new UnsupportedOperationException();
			}

			@Override
			public <R> WorkflowHandle<R> start(dev.durable.StartOptions options,
					java.util.function.Supplier<R> entryPointCall) {
				throw new UnsupportedOperationException();
			}

			@Override
			public WorkflowHandle<Void> start(dev.durable.StartOptions options, Runnable entryPointCall) {
				throw new UnsupportedOperationException();
			}

			@Override
			public <R> WorkflowHandle<R> handle(String workflowId) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void signal(String workflowId, String signalName, Object payload) {
			}

			@Override
			public void cancel(String workflowId) {
			}

			@Override
			public <T> java.util.Optional<T> getEvent(String workflowId, String key, Class<T> type,
					java.time.Duration timeout) {
				return java.util.Optional.empty();
			}

		};

		@Bean
		WorkflowClient ownClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateNamesConfiguration {

		@Bean
		FirstShipping firstShipping() {
			return new FirstShipping();
		}

		@Bean
		SecondShipping secondShipping() {
			return new SecondShipping();
		}

	}

	@DurableWorkflow(name = "shipping")
	static class FirstShipping {

		public String ship(String order) {
			return order;
		}

	}

	@DurableWorkflow(name = "shipping")
	static class SecondShipping {

		public String ship(String order) {
			return order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OverloadedConfiguration {

		@Bean
		Overloaded overloaded() {
			return new Overloaded();
		}

	}

	@Component
	static class Overloaded {

		@DurableWorkflow
		public String run(String order) {
			return order;
		}

		@DurableWorkflow
		public String run(String order, int times) {
			return order.repeat(times);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisnamedRetryConfiguration {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class Payments {

		@Activity(retry = "paymnt")
		public String charge(String order) {
			return order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadTimeoutConfiguration {

		@Bean
		SlowActivity slowActivity() {
			return new SlowActivity();
		}

	}

	static class SlowActivity {

		@Activity(timeout = "soon")
		public void crawl() {
		}

	}

}
