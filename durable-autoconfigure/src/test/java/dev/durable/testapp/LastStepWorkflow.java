package dev.durable.testapp;

import dev.durable.annotation.DurableWorkflow;

import org.springframework.beans.factory.annotation.Value;

/**
 * Two non-transactional steps and then plain workflow code, which a process started with
 * {@code test.block-before-end=true} blocks in until it is killed: the kill lands after the last
 * step returned and before the workflow's end was written.
 */
@DurableWorkflow
public class LastStepWorkflow {

	private final StepLog log;

	private final boolean blockBeforeEnd;

	public LastStepWorkflow(StepLog log, @Value("${test.block-before-end:false}") boolean blockBeforeEnd) {
		this.log = log;
		this.blockBeforeEnd = blockBeforeEnd;
	}

	public String run(String key) {
		this.log.record(key, 1);
		int last = this.log.record(key, 2);
		if (this.blockBeforeEnd) {
			System.out.println("BLOCKED BEFORE END " + key);
			blockUntilKilled();
		}
		return key + " ended after step " + last;
	}

	private static void blockUntilKilled() {
		while (true) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// A shutdown would interrupt; the test kills the process instead.
			}
		}
	}

}
