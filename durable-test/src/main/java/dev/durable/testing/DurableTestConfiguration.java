package dev.durable.testing;

import java.time.Instant;

import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.run.LeaseKeeper;
import dev.durable.engine.run.ReplayChecker;
import dev.durable.engine.worker.WorkflowWorker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The beans a {@link DurableTest} adds: the clock the engine runs on, and the test helpers. Added
 * as user configuration, before auto-configuration, so that Durable's own clock backs off; primary,
 * so that it also wins over a {@code DurableClock} of the application's.
 */
@Configuration(proxyBeanMethods = false)
class DurableTestConfiguration {

	@Bean
	@Primary
	DurableTestClock durableTestClock(ObjectProvider<WorkflowWorker> worker) {
		DurableTestClock clock = new DurableTestClock(Instant.now());
		// Looked up on each move: the worker is created after the clock it depends on.
		clock.onMove(() -> worker.ifAvailable(WorkflowWorker::wakeUp));
		return clock;
	}

	@Bean
	WorkflowAwaiter durableWorkflowAwaiter(WorkflowQueries queries) {
		return new WorkflowAwaiter(queries);
	}

	@Bean
	WorkflowReplayer durableWorkflowReplayer(ReplayChecker checker, WorkflowQueries queries) {
		return new WorkflowReplayer(checker, queries);
	}

	@Bean
	WorkflowCrashes durableWorkflowCrashes(WorkflowStore store, LeaseKeeper leases,
			DurableTestClock clock, ObjectProvider<WorkflowWorker> worker) {
		return new WorkflowCrashes(store, leases, clock, () -> worker.ifAvailable(WorkflowWorker::wakeUp));
	}

	@Bean
	ActivityFaults durableTestActivityFaults(WorkflowCrashes crashes) {
		return crashes.faults();
	}

}
