package dev.durable.engine.assembly;

import java.util.List;
import java.util.Objects;

import dev.durable.engine.DurableClock;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.fault.ActivityFaults;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.engine.observe.ExecutionObserver;
import dev.durable.engine.observe.WorkflowEventListener;
import dev.durable.engine.retry.RetryPolicies;
import dev.durable.engine.run.JsonCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The parts an engine is built from: those an application may replace, and its own
 * collaborators.
 * @param store the journal
 * @param codec the JSON codec
 * @param clock the clock
 * @param retryPolicies the retry policies of activities
 * @param methods the registry of entry points and activities
 * @param transactionManager the application's transaction manager
 * @param beanFactory the factory of workflow and activity beans
 * @param listeners the listeners told of starts, ends and attempts, in order
 * @param observer the observer of runs and attempts
 * @param faults fault-injection points for test support, if any
 */
public record EngineParts(WorkflowStore store, JsonCodec codec, DurableClock clock, RetryPolicies retryPolicies,
		DurableMethods methods, PlatformTransactionManager transactionManager, BeanFactory beanFactory,
		List<? extends WorkflowEventListener> listeners, ExecutionObserver observer,
		@Nullable ActivityFaults faults) {

	/**
	 * Validate the parts.
	 */
	public EngineParts {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(codec, "codec");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(retryPolicies, "retryPolicies");
		Objects.requireNonNull(methods, "methods");
		Objects.requireNonNull(transactionManager, "transactionManager");
		Objects.requireNonNull(beanFactory, "beanFactory");
		listeners = List.copyOf(listeners);
		Objects.requireNonNull(observer, "observer");
	}

}
