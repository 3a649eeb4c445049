package dev.durable.engine.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.durable.annotation.DurableScheduled.Missed;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which fire times a due schedule starts, by missed policy.
 */
class FirePlanTests {

	private static final CronExpression EVERY_TWO_SECONDS = CronExpression.parse("*/2 * * * * *");

	private static final ZoneId UTC = ZoneOffset.UTC;

	private static final Duration GRACE = Duration.ofSeconds(1);

	private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

	@Test
	void aFireTimeStartedOnTimeRunsUnderEveryPolicy() {
		for (Missed missed : Missed.values()) {
			FirePlan plan = FirePlan.of(T0, EVERY_TWO_SECONDS, UTC, missed, T0.plusMillis(300), GRACE);
			assertThat(plan.fireTimes()).as(missed.name()).containsExactly(T0);
			assertThat(plan.next()).isEqualTo(T0.plusSeconds(2));
		}
	}

	@Test
	void afterTenSecondsDownRunOnceStartsTheLatestMissedFireTime() {
		FirePlan plan = FirePlan.of(T0, EVERY_TWO_SECONDS, UTC, Missed.RUN_ONCE, T0.plusMillis(11_500), GRACE);
		assertThat(plan.fireTimes()).containsExactly(T0.plusSeconds(10));
		assertThat(plan.next()).isEqualTo(T0.plusSeconds(12));
	}

	@Test
	void afterTenSecondsDownRunAllStartsEveryMissedFireTimeOldestFirst() {
		FirePlan plan = FirePlan.of(T0, EVERY_TWO_SECONDS, UTC, Missed.RUN_ALL, T0.plusMillis(11_500), GRACE);
		assertThat(plan.fireTimes()).containsExactly(T0, T0.plusSeconds(2), T0.plusSeconds(4), T0.plusSeconds(6),
				T0.plusSeconds(8), T0.plusSeconds(10));
		assertThat(plan.next()).isEqualTo(T0.plusSeconds(12));
	}

	@Test
	void afterTenSecondsDownSkipStartsNoMissedFireTime() {
		FirePlan plan = FirePlan.of(T0, EVERY_TWO_SECONDS, UTC, Missed.SKIP, T0.plusMillis(11_500), GRACE);
		assertThat(plan.fireTimes()).isEmpty();
		assertThat(plan.next()).isEqualTo(T0.plusSeconds(12));
	}

	@Test
	void skipStillStartsTheLatestFireTimeWhenItIsWithinTheGrace() {
		FirePlan plan = FirePlan.of(T0, EVERY_TWO_SECONDS, UTC, Missed.SKIP, T0.plusMillis(10_500), GRACE);
		assertThat(plan.fireTimes()).containsExactly(T0.plusSeconds(10));
	}

	@Test
	void aDowntimeLongerThanOneFiringCanWalkIsCaughtUpOverSeveralFirings() {
		CronExpression everySecond = CronExpression.parse("* * * * * *");
		Instant now = T0.plus(Duration.ofHours(1));
		FirePlan first = FirePlan.of(T0, everySecond, UTC, Missed.RUN_ONCE, now, GRACE);
		assertThat(first.fireTimes()).isEmpty();
		assertThat(first.next()).isEqualTo(T0.plusSeconds(FirePlan.MAX_FIRE_TIMES));
		FirePlan plan = first;
		while (plan.fireTimes().isEmpty()) {
			plan = FirePlan.of(plan.next(), everySecond, UTC, Missed.RUN_ONCE, now, GRACE);
		}
		assertThat(plan.fireTimes()).containsExactly(now);
	}

}
