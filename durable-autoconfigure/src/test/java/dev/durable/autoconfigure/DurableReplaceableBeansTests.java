package dev.durable.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;

import dev.durable.WorkflowClient;
import dev.durable.engine.DurableClock;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.definition.ActivityDefinition;
import dev.durable.engine.retry.RetryPolicies;
import dev.durable.engine.retry.RetryPolicy;
import dev.durable.engine.run.JsonCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans an application may replace, and the clock that is Durable's own.
 */
class DurableReplaceableBeansTests {

	private static final Instant FIXED = Instant.parse("2026-01-31T10:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class));

	@Test
	void durableAddsNoClockBeanToTheApplication() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(DurableClock.class)
			.doesNotHaveBean(Clock.class));
	}

	@Test
	void anApplicationsClockBeanDoesNotChangeDurablesTime() {
		this.runner.withUserConfiguration(ApplicationClockConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(Clock.class)).isSameAs(context.getBean(ApplicationClockConfiguration.class).clock);
			DurableClock durableClock = context.getBean(DurableClock.class);
			assertThat(durableClock.clock()).isEqualTo(Clock.systemUTC());
			assertThat(context.getBean(DurableEngine.class).context().clock()).isSameAs(durableClock.clock());
		});
	}

	@Test
	void anApplicationsDurableClockIsTheEnginesClock() {
		this.runner.withUserConfiguration(OwnDurableClockConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DurableClock.class).doesNotHaveBean(Clock.class);
			assertThat(context.getBean(DurableEngine.class).context().clock().instant()).isEqualTo(FIXED);
		});
	}

	@Test
	void anApplicationsJsonCodecReplacesDurables() {
		this.runner.withUserConfiguration(OwnCodecConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(JsonCodec.class);
			JsonCodec codec = context.getBean(OwnCodecConfiguration.class).codec;
			assertThat(context.getBean(JsonCodec.class)).isSameAs(codec);
			assertThat(context.getBean(DurableEngine.class).context().codec()).isSameAs(codec);
		});
	}

	@Test
	void anApplicationsRetryPoliciesReplaceDurablesWithResilience4jPresent() {
		this.runner.withUserConfiguration(OwnRetryPoliciesConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RetryPolicies.class)
				.getBean(RetryPolicies.class)
				.isSameAs(context.getBean(OwnRetryPoliciesConfiguration.class).policies));
	}

	@Test
	void anApplicationsRetryPoliciesReplaceDurablesWithoutResilience4j() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.withUserConfiguration(OwnRetryPoliciesConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RetryPolicies.class)
				.getBean(RetryPolicies.class)
				.isSameAs(context.getBean(OwnRetryPoliciesConfiguration.class).policies));
	}

	@Test
	void withoutResilience4jDurablesOwnRetryPoliciesAreUsed() {
		this.runner.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RetryPolicies.class)
				.hasSingleBean(WorkflowClient.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationClockConfiguration {

		final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(-400));

		@Bean
		Clock applicationClock() {
			return this.clock;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDurableClockConfiguration {

		@Bean
		DurableClock ownDurableClock() {
			return new DurableClock(Clock.fixed(FIXED, ZoneOffset.UTC));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCodecConfiguration {

		final JsonCodec codec = new JsonCodec(JsonMapper.builder().build());

		@Bean
		JsonCodec ownCodec() {
			return this.codec;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRetryPoliciesConfiguration {

		final RetryPolicies policies = new RetryPolicies() {

			@Override
			public RetryPolicy policyFor(ActivityDefinition activity) {
				return RetryPolicy.exponential("own", 2, Duration.ofMillis(10), 2.0, Duration.ofMillis(20));
			}

			@Override
			public void validate(Collection<ActivityDefinition> activities) {
			}

		};

		@Bean
		RetryPolicies ownRetryPolicies() {
			return this.policies;
		}

	}

}
