package dev.durable.testing;

import java.time.Instant;

import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowStore;

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
	DurableTestClock durableTestClock(ObjectProvider<DurableEngine> engine) {
		DurableTestClock clock = new DurableTestClock(Instant.now());
		// Looked up on each move: the engine is created after the clock it depends on.
		clock.onMove(() -> engine.ifAvailable(DurableEngine::wakeUp));
		return clock;
	}

	@Bean
	WorkflowAwaiter durableWorkflowAwaiter(WorkflowQueries queries, ObjectProvider<DurableEngine> engine) {
		return new WorkflowAwaiter(queries, () -> engine.getObject().parkedClaims());
	}

	@Bean
	WorkflowReplayer durableWorkflowReplayer(DurableEngine engine, WorkflowQueries queries) {
		return new WorkflowReplayer(engine.replayChecker(), queries);
	}

	@Bean
	WorkflowCrashes durableWorkflowCrashes(WorkflowStore store, DurableTestClock clock,
			ObjectProvider<DurableEngine> engine) {
		// The engine is looked up late: it is built with the faults these crashes inject.
		return new WorkflowCrashes(store, () -> engine.getObject().runningClaims(), clock,
				() -> engine.ifAvailable(DurableEngine::wakeUp));
	}

	@Bean
	ActivityFaults durableTestActivityFaults(WorkflowCrashes crashes) {
		return crashes.faults();
	}

}
