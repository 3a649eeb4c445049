package dev.durable.testing;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.durable.WorkflowClient;
import dev.durable.testing.app.Renewals;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DurableTest} that keeps the application's database, in an application that has a
 * clock of its own.
 */
@DurableTest(isolatedDatabase = false,
		properties = { "spring.datasource.url=jdbc:h2:mem:application-database", "durable.retention.enabled=true" })
class ApplicationDatabaseDurableTestIntegrationTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	WorkflowClient client;

	@Autowired
	Renewals renewals;

	@Autowired
	DurableTestClock clock;

	@Autowired
	WorkflowAwaiter awaiter;

	@Test
	void theApplicationsDatabaseIsKept() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:application-database");
		}
	}

	@Test
	void theTestsPropertiesOverrideDurablesTestDefaults(@Autowired Environment environment) {
		assertThat(environment.getProperty("durable.retention.enabled", Boolean.class)).isTrue();
	}

	@Test
	void theEngineRunsOnTheTestClockEvenWhenTheApplicationDefinesAClock() {
		String id = "timed";
		this.client.start(id, () -> this.renewals.renewAfter30Days(id));
		assertThat(this.awaiter.awaitTimer(id))
			.isEqualTo(this.clock.instant().plus(Duration.ofDays(30)));
	}

	@Test
	void movingTheTestClockLeavesTheApplicationsClockAlone(@Autowired Clock applicationClock) {
		this.clock.advance(Duration.ofDays(1));
		assertThat(applicationClock.instant()).isBefore(this.clock.instant().minus(Duration.ofDays(300)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ApplicationClock {

		@Bean
		Clock applicationClock() {
			return Clock.offset(Clock.systemUTC(), Duration.ofDays(-400));
		}

	}

}
