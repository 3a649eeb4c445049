package dev.durable.engine.run;

import java.util.List;
import java.util.function.Supplier;

import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;

/**
 * {@code Workflow.sideEffect}, {@code now} and {@code randomUUID}: a value computed on the first
 * run, journaled as JSON, and read back on every replay.
 */
final class SideEffect {

	private SideEffect() {
	}

	static <T> T record(WorkflowExecution execution, String name, Class<T> type, Supplier<T> supplier) {
		int step = execution.nextStep();
		List<JournalEvent> recorded = execution.recorded(step, name, EventKind.SIDE_EFFECT);
		String what = "Workflow." + name + "() in workflow '" + execution.workflowId() + "'";
		JsonCodec codec = execution.engine().codec();
		if (!recorded.isEmpty()) {
			return type.cast(codec.readResult(what, type, recorded.get(0).output()));
		}
		T value = supplier.get();
		execution.writer()
			.append(step, EventKind.SIDE_EFFECT, name, 0, null, codec.writeResult(what, type, value), null, null);
		return value;
	}

}
