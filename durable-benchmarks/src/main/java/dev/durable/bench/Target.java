package dev.durable.bench;

/**
 * One side of the comparison: something that runs a workflow of a given number of activities
 * from start to end, writing the same journal rows as the other side.
 */
interface Target extends AutoCloseable {

	/**
	 * Return the column name of this side in the results.
	 * @return the name
	 */
	String name();

	/**
	 * Run one workflow of {@code steps} activities, each returning a short string, and return
	 * when it has ended.
	 * @param key an argument that makes the workflow's input distinct
	 * @param steps the number of activities
	 */
	void runWorkflow(String key, int steps) throws Exception;

	/**
	 * Measure W3: the time to bring a workflow with a long recorded history back to its first
	 * new step.
	 * @param steps the recorded activities
	 * @param repetitions measured repetitions
	 * @param warmups repetitions run before, not measured
	 * @return the measurement
	 */
	ReplayResult replay(int steps, int repetitions, int warmups) throws Exception;

	/**
	 * Close the pool's idle connections, so that their PostgreSQL sessions end and publish their
	 * counters at once instead of within the ten seconds an idle session may hold them.
	 */
	void releaseConnections();

	@Override
	void close() throws Exception;

	/**
	 * What W3 measured.
	 * @param headline the primary duration per repetition, in nanoseconds
	 * @param headlineMeaning what the primary duration is, for the table
	 * @param inMethod the part spent replaying inside the workflow method, or null where it does not apply
	 * @param beforeMethod the part before the workflow method was entered (claim, loading), or null
	 * @param events the journal events loaded per repetition
	 */
	record ReplayResult(Samples headline, String headlineMeaning, Samples inMethod, Samples beforeMethod,
			long events) {
	}

}
