package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.durable.actuate.SchedulesEndpoint;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.journal.WorkflowStore;
import dev.durable.scheduleapp.ScheduleApplication;
import dev.durable.testapp.AdjustableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules on every supported database: each fire time starts one workflow with its fire time,
 * pausing stops them, and after a downtime each missed policy does what it says.
 */
@SpringBootTest(classes = ScheduleApplication.class, properties = "management.endpoints.web.exposure.include=schedules")
abstract class AbstractSchedulesIntegrationTests {

	private static final String EVERY_SECOND = "Ticks.everySecond";

	@Autowired
	WorkflowStore store;

	@Autowired
	WorkflowClient client;

	@Autowired
	AdjustableClock clock;

	@Autowired
	SchedulesEndpoint endpoint;

	@Test
	void everyFireTimeStartsOneWorkflowNamedAfterItWithTheFireTimeAsArgument() throws Exception {
		Instant since = this.clock.instant();
		waitUntil(() -> completed(EVERY_SECOND, since).size() >= 3);
		List<WorkflowRecord> ticks = completed(EVERY_SECOND, since);
		List<Instant> fireTimes = ticks.stream().map((tick) -> fireTime(tick.id())).sorted().toList();
		for (int i = 1; i < fireTimes.size(); i++) {
			assertThat(fireTimes.get(i)).isEqualTo(fireTimes.get(i - 1).plusSeconds(1));
		}
		for (WorkflowRecord tick : ticks) {
			assertThat(tick.result()).isEqualTo("\"" + fireTime(tick.id()) + "\"");
		}
		SchedulesEndpoint.ScheduleDescriptor listed = listed(EVERY_SECOND);
		assertThat(listed.lastWorkflowId()).startsWith(EVERY_SECOND + "@");
		assertThat(listed.nextFireTime()).isAfter(listed.lastFireTime());
		assertThat(listed.paused()).isFalse();
		assertThat(listed(EVERY_SECOND).zone()).isEqualTo("UTC");
	}

	@Test
	void aPausedScheduleStartsNothingAndResumesWithoutCatchingUp() throws Exception {
		this.endpoint.act(EVERY_SECOND, "pause");
		assertThat(listed(EVERY_SECOND).paused()).isTrue();
		Thread.sleep(500);
		Instant pausedAt = this.clock.instant();
		Thread.sleep(2500);
		Instant resumedAt = this.clock.instant();
		this.endpoint.act(EVERY_SECOND, "resume");
		waitUntil(() -> !started(EVERY_SECOND, resumedAt).isEmpty());
		assertThat(started(EVERY_SECOND, pausedAt)).allSatisfy(
				(workflow) -> assertThat(fireTime(workflow.id())).isAfterOrEqualTo(resumedAt.minusSeconds(1)));
		assertThat(listed(EVERY_SECOND).paused()).isFalse();
	}

	@Test
	void afterADowntimeEachMissedPolicyDoesWhatItSays() throws Exception {
		Instant nextHour = listed("Ticks.hourlyAll").nextFireTime();
		// Three hourly fire times pass while no node looks.
		this.clock.advance(Duration.ofHours(3));
		waitUntil(() -> listed("Ticks.hourlyAll").nextFireTime().isAfter(nextHour.plus(Duration.ofHours(2)))
					&& listed("Ticks.hourlyOnce").nextFireTime().isAfter(nextHour.plus(Duration.ofHours(2)))
					&& listed("Ticks.hourlySkip").nextFireTime().isAfter(nextHour.plus(Duration.ofHours(2))));
		List<Instant> missed = List.of(nextHour, nextHour.plus(Duration.ofHours(1)), nextHour.plus(Duration.ofHours(2)));
		assertThat(started("Ticks.hourlyAll", Instant.EPOCH)).extracting(WorkflowRecord::id)
			.containsExactlyInAnyOrderElementsOf(missed.stream().map((fire) -> "Ticks.hourlyAll@" + fire).toList());
		assertThat(started("Ticks.hourlyOnce", Instant.EPOCH)).extracting(WorkflowRecord::id)
			.containsExactly("Ticks.hourlyOnce@" + missed.get(2));
		assertThat(started("Ticks.hourlySkip", Instant.EPOCH)).isEmpty();
	}

	private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("time left to wait").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private SchedulesEndpoint.ScheduleDescriptor listed(String name) {
		return this.endpoint.schedules()
			.schedules()
			.stream()
			.filter((schedule) -> schedule.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private List<WorkflowRecord> started(String type, Instant firedSince) {
		return this.store.recent(null, 100_000)
			.stream()
			.filter((workflow) -> workflow.type().equals(type))
			.filter((workflow) -> !fireTime(workflow.id()).isBefore(firedSince))
			.toList();
	}

	private List<WorkflowRecord> completed(String type, Instant firedSince) {
		return started(type, firedSince).stream()
			.filter((workflow) -> workflow.status() == WorkflowStatus.COMPLETED)
			.toList();
	}

	private static Instant fireTime(String workflowId) {
		return Instant.parse(workflowId.substring(workflowId.indexOf('@') + 1));
	}

}
