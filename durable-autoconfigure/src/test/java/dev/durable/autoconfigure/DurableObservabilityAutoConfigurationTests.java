package dev.durable.autoconfigure;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import dev.durable.WorkflowClient;
import dev.durable.actuate.DurableHealthIndicator;
import dev.durable.actuate.DurableMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics, health and the dashboard: created when their libraries and beans are there, absent otherwise.
 */
class DurableObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableMetricsAutoConfiguration.class, DurableHealthAutoConfiguration.class));

	@Test
	void metersCountWorkflowsInTheApplicationsRegistry() {
		this.runner.withUserConfiguration(DurableAutoConfigurationTests.GreetingConfiguration.class,
				RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DurableMetrics.class);
			DurableAutoConfigurationTests.Greeter greeter = context.getBean(DurableAutoConfigurationTests.Greeter.class);
			context.getBean(WorkflowClient.class).start("metered-1", () -> greeter.greet("Ada")).await(Duration.ofSeconds(20));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("durable.workflows.started").counter().count()).isEqualTo(1);
			// The end is counted just after it is committed, which await may see first.
			awaitCount(() -> registry.find("durable.workflows.completed").counter(), 1);
			assertThat(registry.get("durable.activity.attempts").tag("outcome", "success").counter().count()).isEqualTo(1);
			assertThat(registry.get("durable.workflows").tag("status", "COMPLETED").gauge().value()).isEqualTo(1);
		});
	}

	@Test
	void noMetersWithoutARegistryBean() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableMetrics.class));
	}

	@Test
	void noMetersWithoutMicrometer() {
		// No proxied beans here: their classes would be loaded by the filtering class loader.
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withUserConfiguration(RegistryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DurableMetrics.class)
				.hasSingleBean(WorkflowClient.class));
	}

	@Test
	void healthIsUpWithDetailsAndDownOnlyWhenTheDatabaseDoesNotAnswer() {
		this.runner.withPropertyValues("durable.health.overdue-after=2m").run((context) -> {
			DurableHealthIndicator indicator = context.getBean(DurableHealthIndicator.class);
			Health up = indicator.health(true);
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("worker", "running")
				.containsEntry("overdue", 0L)
				.containsEntry("overdueAfter", "PT2M");
			context.getBean(HikariDataSource.class).close();
			Health down = indicator.health(true);
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void healthShowsADisabledWorker() {
		this.runner.withPropertyValues("durable.worker.enabled=false")
			.run((context) -> assertThat(context.getBean(DurableHealthIndicator.class).health(true).getDetails())
				.containsEntry("worker", "disabled"));
	}

	@Test
	void healthCanBeSwitchedOff() {
		this.runner.withPropertyValues("management.health.durable.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DurableHealthIndicator.class));
	}

	@Test
	void theDashboardIsServedByWebApplicationsUnlessSwitchedOff() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DurableDashboardAutoConfiguration.class));
		web.run((context) -> assertThat(context).hasBean("durableDashboardConfigurer"));
		web.withPropertyValues("durable.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("durableDashboardConfigurer"));
		this.runner.withConfiguration(AutoConfigurations.of(DurableDashboardAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("durableDashboardConfigurer"));
	}

	private static void awaitCount(java.util.function.Supplier<io.micrometer.core.instrument.Counter> counter,
			double expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (counter.get() == null || counter.get().count() < expected) {
			assertThat(System.nanoTime()).as("waiting for the counter to reach " + expected).isLessThan(deadline);
			Thread.sleep(10);
		}
		assertThat(counter.get().count()).isEqualTo(expected);
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
