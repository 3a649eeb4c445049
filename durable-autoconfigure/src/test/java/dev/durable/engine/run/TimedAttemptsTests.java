package dev.durable.engine.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TimedAttempts}: attempts that ignore interrupts cannot make the pool grow.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimedAttemptsTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final TimedAttempts attempts = new TimedAttempts(2);

	@AfterEach
	void releaseStuckAttempts() {
		this.release.countDown();
		this.attempts.close();
	}

	@Test
	void attemptsThatIgnoreInterruptsNeverHoldMoreThreadsThanTheBound(CapturedOutput output) throws Exception {
		AtomicInteger started = new AtomicInteger();
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> this.attempts.run("Attempt",
					Duration.ofMillis(100), () -> ignoreInterrupts(started), () -> true));
		}
		assertThat(started).hasValue(2);
		assertThat(this.attempts.threads()).isEqualTo(2);
		assertThat(this.attempts.overrunning()).isEqualTo(2);
		assertThat(output).contains("Attempt overran its timeout of PT0.1S and was interrupted")
			.contains("2 of 2 timed-activity threads held by overrunning attempts")
			.contains("before a thread was free to start it");
	}

	@Test
	void threadsHeldByOverrunningAttemptsServeAgainOnceTheyReturn() throws Exception {
		AtomicInteger started = new AtomicInteger();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> this.attempts.run("Attempt",
					Duration.ofMillis(100), () -> ignoreInterrupts(started), () -> true));
		}
		this.release.countDown();
		eventually(() -> this.attempts.overrunning() == 0);
		assertThat(this.attempts.run("Attempt", Duration.ofSeconds(10), () -> "done", () -> true)).isEqualTo("done");
	}

	@Test
	void anAttemptThatHonoursTheInterruptFreesItsThreadAtOnce() throws Exception {
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> this.attempts.run("Attempt",
				Duration.ofMillis(100), () -> {
					Thread.sleep(60_000);
					return "late";
				}, () -> true));
		eventually(() -> this.attempts.overrunning() == 0);
	}

	@Test
	void anAttemptThatClaimedItsCompletionAtTheDeadlineIsWaitedFor() throws Exception {
		CountDownLatch inside = new CountDownLatch(1);
		String result = this.attempts.run("Attempt", Duration.ofMillis(50), () -> {
			inside.countDown();
			Thread.sleep(300);
			return "recorded";
		}, () -> false);
		assertThat(inside.getCount()).isZero();
		assertThat(result).isEqualTo("recorded");
	}

	@Test
	void closingThePoolEndsItsThreads() throws Exception {
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> this.attempts.run("Attempt",
				Duration.ofMillis(100), () -> {
					Thread.sleep(60_000);
					return "late";
				}, () -> true));
		assertThat(this.attempts.run("Attempt", Duration.ofSeconds(10), () -> "done", () -> true)).isEqualTo("done");
		this.attempts.close();
		eventually(() -> this.attempts.threads() == 0);
	}

	@Test
	void aPoolOfNoThreadsIsRefusedWithThePropertyToFix() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new TimedAttempts(0))
			.withMessageContaining("durable.worker.timed-activity-threads must be at least 1");
	}

	private static void eventually(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private String ignoreInterrupts(AtomicInteger started) {
		started.incrementAndGet();
		while (true) {
			try {
				if (this.release.await(10, TimeUnit.SECONDS)) {
					return "late";
				}
			}
			catch (InterruptedException ex) {
				// Like a client library that swallows the interrupt and carries on.
			}
		}
	}

}
