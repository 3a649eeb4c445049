package dev.durable.engine.run;

import dev.durable.DurableFuture;

/**
 * A future of workflow code: what it waits for, how it tells that it is done and what it then
 * returns. Checks happen on the workflow's thread; only activity futures complete on other threads.
 *
 * @param <R> the type of the result
 */
abstract class StepFuture<R> implements DurableFuture<R> {

	/** How a future stands, as seen by a parked run deciding whether to wake. */
	enum Progress {

		/** Done in memory. */
		DONE,

		/** Waits for work running in this process (an activity future). */
		RUNNING_HERE,

		/** Waits only for what the store wakes the workflow for (a timer, a signal, a child). */
		ELSEWHERE

	}

	private final FutureSteps futures;

	StepFuture(FutureSteps futures) {
		this.futures = futures;
	}

	FutureSteps futures() {
		return this.futures;
	}

	@Override
	public R get() {
		return FutureWait.get(this);
	}

	@Override
	public boolean isDone() {
		return FutureWait.isDone(this);
	}

	/**
	 * Check, on the workflow's thread, whether the future is done; may record what it finds (a
	 * signal taken, a child's end, a winner).
	 */
	abstract boolean poll();

	/**
	 * Return the result or throw the failure of a done future.
	 */
	abstract R outcome();

	/**
	 * Add what the future still waits for to a pending wait.
	 */
	abstract void pending(PendingWait pending);

	/**
	 * Tell how the future stands without touching the store, from any thread.
	 */
	abstract Progress progress();

	/**
	 * Return why work for this future could not be recorded (the run lost its claim), or null.
	 */
	Throwable abandoned() {
		return null;
	}

}
