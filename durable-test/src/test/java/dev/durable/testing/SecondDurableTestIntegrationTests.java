package dev.durable.testing;

import java.time.Duration;

import dev.durable.WorkflowClient;
import dev.durable.testing.app.Renewals;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second test class: it must not see the workflows of {@link DurableTestIntegrationTests}.
 */
@DurableTest
class SecondDurableTestIntegrationTests {

	@Autowired
	WorkflowClient client;

	@Autowired
	Renewals renewals;

	@Test
	void theSameWorkflowIdStartsAfreshInEachTestClass() {
		// With a shared database, one class would get the other's result for the same id.
		assertThat(this.client.start("same-id", () -> this.renewals.greet("second class")).await(Duration.ofSeconds(10)))
			.isEqualTo("hello second class");
	}

}
