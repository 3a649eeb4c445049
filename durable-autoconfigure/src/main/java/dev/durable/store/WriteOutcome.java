package dev.durable.store;

/**
 * What became of a journal write. A step's write reads the workflow's cancel flag on its way, so
 * that a cancellation requested on another node reaches a running workflow at its next step.
 */
enum WriteOutcome {

	/** Not made: the claim was replaced. */
	REFUSED,

	/** Made. */
	MADE,

	/** Made, and cancellation of the workflow has been requested. */
	MADE_CANCEL_REQUESTED;

	boolean made() {
		return this != REFUSED;
	}

	static WriteOutcome of(boolean made) {
		return made ? MADE : REFUSED;
	}

}
