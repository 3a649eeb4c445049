package dev.durable.engine.run;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.UUID;

import dev.durable.NonDeterministicWorkflowException;
import dev.durable.WorkflowNotFoundException;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * Replays recorded journals against the current workflow code without running or writing
 * anything, and reports where the code no longer makes the calls the journal recorded: a CI job
 * can check a code change against real workflows before it is deployed.
 */
public class ReplayChecker {

	private final EngineContext engine;

	private final DurableMethods methods;

	private final BeanFactory beanFactory;

	/**
	 * Create the checker.
	 * @param engine the engine context
	 * @param methods the registry of entry points
	 * @param beanFactory where workflow beans are found
	 */
	public ReplayChecker(EngineContext engine, DurableMethods methods, BeanFactory beanFactory) {
		this.engine = engine;
		this.methods = methods;
		this.beanFactory = beanFactory;
	}

	/**
	 * Replay a workflow stored in this application's journal.
	 * @param workflowId the workflow id
	 * @return the outcome of the check
	 * @throws dev.durable.WorkflowNotFoundException if no workflow has that id
	 */
	public ReplayResult check(String workflowId) {
		LoadedWorkflow loaded = this.engine.store()
			.load(workflowId)
			.orElseThrow(() -> new WorkflowNotFoundException("No workflow has the id '" + workflowId + "'"));
		return check(loaded.workflow(), loaded.journal());
	}

	/**
	 * Replay a recorded workflow, e.g. one exported from another database.
	 * @param workflow the workflow's row (type and input are used)
	 * @param journal its events in order
	 * @return the outcome of the check
	 */
	public ReplayResult check(WorkflowRecord workflow, List<JournalEvent> journal) {
		WorkflowDefinition definition = this.methods.workflow(workflow.type());
		if (definition == null) {
			return new ReplayResult(workflow.id(), false, "Workflow type '" + workflow.type()
					+ "' is not an entry point of this code; it was renamed or removed");
		}
		WorkflowExecution execution = new WorkflowExecution(this.engine, workflow,
				new ClaimedWorkflow(workflow.id(), "replay-check-" + UUID.randomUUID()), journal);
		execution.replayOnly();
		ActivityExecution outerActivity = ExecutionContexts.currentActivity();
		WorkflowExecution outerWorkflow = ExecutionContexts.currentWorkflow();
		ExecutionContexts.bindActivity(null);
		try {
			Object[] arguments = this.engine.codec()
				.readArguments("workflow '" + workflow.type() + "'", definition.method(), workflow.input());
			WorkflowRunner.invokeEntryPoint(this.beanFactory, definition, execution, arguments);
			return ended(workflow, execution, null);
		}
		catch (InvocationTargetException ex) {
			return ended(workflow, execution, ex.getTargetException());
		}
		catch (IllegalStateException ex) {
			return new ReplayResult(workflow.id(), false, ex.getMessage());
		}
		finally {
			ExecutionContexts.bindWorkflow(outerWorkflow);
			ExecutionContexts.bindActivity(outerActivity);
		}
	}

	private ReplayResult ended(WorkflowRecord workflow, WorkflowExecution execution, @Nullable Throwable thrown) {
		NonDeterministicWorkflowException mismatch = execution.nonDeterminism().found();
		if (mismatch != null) {
			return new ReplayResult(workflow.id(), false, mismatch.getMessage());
		}
		if (thrown instanceof ReplayBoundary) {
			return new ReplayResult(workflow.id(), true, "Replayed " + execution.currentStep()
					+ " recorded step(s) up to the end of the journal");
		}
		if (execution.currentStep() < execution.recordedSteps()) {
			return new ReplayResult(workflow.id(), false, "The code now ends after step " + execution.currentStep()
					+ ", but the journal records " + execution.recordedSteps() + " steps");
		}
		return new ReplayResult(workflow.id(), true, "Replayed all " + execution.recordedSteps() + " recorded step(s)"
				+ ((thrown != null) ? " and ended with " + thrown.getClass().getName() : ""));
	}

	/**
	 * The outcome of a replay check.
	 * @param workflowId the workflow checked
	 * @param deterministic whether the code made the recorded calls
	 * @param detail what was replayed, or where and how the code differs
	 */
	public record ReplayResult(String workflowId, boolean deterministic, String detail) {
	}

}
