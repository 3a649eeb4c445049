package dev.durable.engine.run;

import java.time.Duration;
import java.time.Instant;

import dev.durable.WorkflowStatus;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;
import dev.durable.engine.retry.RetryPolicy;
import dev.durable.engine.worker.WorkflowWorker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of the worker against an {@link InMemoryJournal}, whose recovery of running
 * workflows fails as a database that is away at start-up does.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowWorkerUnitTests {

	private final SteppedClock clock = new SteppedClock(Instant.parse("2030-01-01T10:00:00Z"));

	private final InMemoryJournal journal = new InMemoryJournal(this.clock);

	private final EngineHarness engine = new EngineHarness(this.journal, this.clock,
			RetryPolicy.exponential("unit", 3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aWorkerWhoseStartUpRecoveryFailsStartsAnywayAndRunsWorkflows(CapturedOutput output) throws Exception {
		this.engine.register(new GreetingWorkflow(this.engine.register(new Greeter())));
		WorkflowWorker worker = this.engine.worker();
		worker.start();
		try {
			assertThat(worker.isRunning()).isTrue();
			assertThat(output).contains("Could not resume the workflows that were running")
				.contains("they resume once their leases expire");
			this.engine.start("greet-1", "greeting", "ada");
			worker.wakeUp();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (this.engine.workflow("greet-1").status() != WorkflowStatus.COMPLETED) {
				assertThat(System.nanoTime()).as("the worker runs the workflow").isLessThan(deadline);
				Thread.sleep(10);
			}
			assertThat(this.engine.workflow("greet-1").result()).isEqualTo("\"hello ada\"");
		}
		finally {
			worker.stop();
		}
	}

	/** Says hello. */
	static class Greeter {

		@Activity
		public String greet(String who) {
			return "hello " + who;
		}

	}

	/** Greets through its activity. */
	@DurableWorkflow(name = "greeting")
	static class GreetingWorkflow {

		private final Greeter greeter;

		GreetingWorkflow(Greeter greeter) {
			this.greeter = greeter;
		}

		public String greet(String who) {
			return this.greeter.greet(who);
		}

	}

}
