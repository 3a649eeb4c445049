package dev.durable.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.durable.WorkflowClient;
import dev.durable.engine.observe.ExecutionObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workflow runs and activity attempts are Micrometer Observations when the application has an
 * observation registry, so a tracer sees them as spans.
 */
class DurableObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				DurableJpaAutoConfiguration.class, DurableAutoConfiguration.class,
				DurableObservationAutoConfiguration.class))
		.withUserConfiguration(DurableAutoConfigurationTests.GreetingConfiguration.class);

	@Test
	void runsAndAttemptsAreObservedWithTheirNamesAndOutcome() {
		RecordingHandler handler = new RecordingHandler();
		this.runner.withBean(ObservationRegistry.class, () -> {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(handler);
			return registry;
		}).run((context) -> {
			assertThat(context).hasSingleBean(ExecutionObserver.class);
			String result = context.getBean(WorkflowClient.class)
				.start("traced-1", () -> context.getBean(DurableAutoConfigurationTests.Greeter.class).greet("Ada"))
				.await(Duration.ofSeconds(20));
			assertThat(result).isEqualTo("Hello, Ada!");
			// The waiter is told of the end inside the run, just before its observation stops.
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (handler.stopped.size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(handler.stopped).contains(
					"durable.workflow.run workflow.type=Greeter.greet",
					"durable.activity.attempt activity=Phrases.hello outcome=success");
		});
	}

	@Test
	void withoutAnObservationRegistryNothingIsObserved() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ExecutionObserver.class));
	}

	/** Records each stopped observation as its name and low-cardinality tags. */
	static class RecordingHandler implements ObservationHandler<Observation.Context> {

		final List<String> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			StringBuilder entry = new StringBuilder(context.getName());
			context.getLowCardinalityKeyValues()
				.forEach((keyValue) -> entry.append(' ').append(keyValue.getKey()).append('=').append(keyValue.getValue()));
			this.stopped.add(entry.toString());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
