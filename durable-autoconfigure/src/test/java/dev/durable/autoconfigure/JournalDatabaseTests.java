package dev.durable.autoconfigure;

import dev.durable.engine.DurableConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What start-up does about the journal's database: it refuses a database the journal does not
 * run on.
 */
class JournalDatabaseTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableHealthAutoConfiguration.class));

	@Test
	void anUnsupportedDatabaseFailsStartUpNamingItAndTheSupportedOnes() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:hsqldb:mem:unsupported").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(DurableConfigurationException.class);
			FailureAnalysis analysis = new DurableConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("cannot run on the application's database HSQL Database Engine (jdbc:hsqldb:mem:unsupported)")
				.contains("H2, PostgreSQL");
			assertThat(analysis.getAction()).contains("spring.datasource.url").contains("durable.enabled=false");
		});
	}

}
