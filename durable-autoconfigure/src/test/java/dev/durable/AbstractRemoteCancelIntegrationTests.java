package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.durable.engine.journal.WorkflowStore;
import dev.durable.testapp.BurstWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A cancellation requested on another node (here: straight through the store, as another node's
 * client writes it, so this node's lease keeper is not told) reaches a running workflow at its
 * next step, read by the step's own write. The lease lasts an hour, so a renewal, the other way a
 * running workflow learns of it, cannot be what delivers it during the test.
 */
@SpringBootTest(classes = TestApplication.class, properties = "durable.worker.lease-duration=1h")
abstract class AbstractRemoteCancelIntegrationTests {

	private static final int STEPS = 1_000_000;

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowStore store;

	@Autowired
	BurstWorkflow bursts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aCancellationFromAnotherNodeStopsARunningWorkflowAtItsNextStep() throws Exception {
		String id = "remote-cancel-" + UUID.randomUUID();
		WorkflowHandle<Integer> handle = this.client.start(id, () -> this.bursts.run(id, STEPS));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (stepsRun(id) < 5) {
			assertThat(System.nanoTime()).as("waiting for the workflow to run a few steps").isLessThan(deadline);
			Thread.sleep(10);
		}

		assertThat(this.store.requestCancel(id, Instant.now())).isEqualTo(WorkflowStore.Delivery.ACCEPTED);

		assertThatExceptionOfType(WorkflowCancelledException.class).isThrownBy(() -> handle.await(Duration.ofSeconds(30)));
		assertThat(handle.status()).isEqualTo(WorkflowStatus.CANCELLED);
		assertThat(stepsRun(id)).as("steps run of " + STEPS).isLessThan(STEPS);
	}

	private int stepsRun(String id) {
		Integer count = this.jdbc.queryForObject("select count(*) from step_run where run_key = ?", Integer.class, id);
		return (count != null) ? count : 0;
	}

}
