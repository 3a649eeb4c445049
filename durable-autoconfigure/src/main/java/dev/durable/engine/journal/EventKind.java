package dev.durable.engine.journal;

/**
 * The kinds of journal events. Step kinds record the outcome of one durable call and are
 * matched on replay; the others mark the workflow's lifecycle and are never replayed.
 */
public enum EventKind {

	/** The workflow was created; input holds the entry point's arguments. */
	WORKFLOW_STARTED(false),

	/** An activity returned; output holds its result. */
	ACTIVITY_COMPLETED(true),

	/** One attempt of an activity failed and another will follow. */
	ACTIVITY_ATTEMPT_FAILED(true),

	/** An activity failed for good; replay rethrows it as {@code ActivityFailedException}. */
	ACTIVITY_FAILED(true),

	/** A durable timer started; output holds the instant it fires. */
	TIMER_STARTED(true),

	/** A recorded value: {@code Workflow.now()}, {@code randomUUID()} or {@code sideEffect()}. */
	SIDE_EFFECT(true),

	/** The version chosen at a {@code Workflow.getVersion} call. */
	VERSION_MARKER(true),

	/** A signal wait began; output holds its deadline, if it has one. */
	SIGNAL_WAIT_STARTED(true),

	/** The awaited signal arrived; output holds its payload. */
	SIGNAL_RECEIVED(true),

	/**
	 * A signal of the awaited name whose payload does not fit the awaited type: consumed, set aside
	 * and not returned; the wait goes on. Output holds the payload, error why it does not fit.
	 */
	SIGNAL_REJECTED(true),

	/** The signal wait's deadline passed first. */
	SIGNAL_TIMED_OUT(true),

	/** A child workflow was started; output holds its id. */
	CHILD_STARTED(true),

	/** The child workflow completed; output holds its result. */
	CHILD_COMPLETED(true),

	/** The child workflow failed or was cancelled; error holds why. */
	CHILD_FAILED(true),

	/**
	 * A value published with {@code Workflow.setEvent}: name holds the key, output the value. The
	 * latest value of each key is also kept where readers find it ({@code WorkflowClient.getEvent}).
	 */
	EVENT_PUBLISHED(true),

	/** A cancellation request reached the workflow at this step as {@code WorkflowCancelledException}. */
	CANCELLATION_DELIVERED(true),

	/** The entry point returned; output holds the result. */
	WORKFLOW_COMPLETED(false),

	/** The entry point threw; error holds the exception. */
	WORKFLOW_FAILED(false),

	/** The workflow ended after a cancellation request. */
	WORKFLOW_CANCELLED(false),

	/** Replay met a call that differs from the journal; the workflow stopped. */
	NON_DETERMINISM_DETECTED(false);

	private final boolean step;

	EventKind(boolean step) {
		this.step = step;
	}

	/**
	 * Tell whether events of this kind record a durable call and so take a step number.
	 * @return {@code true} for step kinds
	 */
	public boolean isStep() {
		return this.step;
	}

}
