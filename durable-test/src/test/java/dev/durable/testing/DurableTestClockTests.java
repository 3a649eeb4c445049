package dev.durable.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurableTestClockTests {

	private static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

	@Test
	void standsStillUntilMovedAndMovesByExactlyTheDurationGiven() throws Exception {
		DurableTestClock clock = new DurableTestClock(START);
		Thread.sleep(5);
		assertThat(clock.instant()).isEqualTo(START);
		assertThat(clock.advance(Duration.ofDays(30))).isEqualTo(START.plus(Duration.ofDays(30)));
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
	}

	@Test
	void everyMoveWakesTheEngine() {
		DurableTestClock clock = new DurableTestClock(START);
		AtomicInteger wakeUps = new AtomicInteger();
		clock.onMove(wakeUps::incrementAndGet);
		clock.advance(Duration.ofHours(1));
		clock.set(START);
		assertThat(wakeUps).hasValue(2);
	}

	@Test
	void refusesToMoveBackwardsWithAMessageNamingTheAlternative() {
		DurableTestClock clock = new DurableTestClock(START);
		assertThatIllegalArgumentException().isThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
			.withMessageContaining("set(Instant)");
		assertThat(clock.instant()).isEqualTo(START);
	}

	@Test
	void keepsMicrosecondsAsTheJournalDoes() {
		DurableTestClock clock = new DurableTestClock(Instant.parse("2026-01-31T10:00:00.123456789Z"));
		assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-31T10:00:00.123456Z"));
	}

}
