package dev.durable.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.durable.engine.client.ScheduledStarts;
import dev.durable.engine.journal.ScheduleRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code schedules} actuator endpoint: lists the {@code @DurableScheduled} schedules with
 * their next fire time and last run, and pauses or resumes one
 * ({@code POST .../schedules/{name}/pause} or {@code .../resume}).
 *
 * <p>Read-only by default: the write operations need
 * {@code management.endpoint.schedules.access=unrestricted}, as Spring Boot's endpoint access
 * levels have it.
 */
@Endpoint(id = "schedules", defaultAccess = Access.READ_ONLY)
public class SchedulesEndpoint {

	private final ScheduledStarts schedules;

	/**
	 * Create the endpoint.
	 * @param schedules the engine's schedules
	 */
	public SchedulesEndpoint(ScheduledStarts schedules) {
		this.schedules = schedules;
	}

	/**
	 * List every schedule.
	 * @return the schedules, by name
	 */
	@ReadOperation
	public ScheduleList schedules() {
		return new ScheduleList(this.schedules.list().stream().map(ScheduleDescriptor::of).toList());
	}

	/**
	 * Pause or resume a schedule. A resumed schedule goes on with its next fire time from now, without
	 * catching up on those that passed while it was paused.
	 * @param name the schedule's name (its workflow type)
	 * @param action {@code pause} or {@code resume}
	 * @return 200 with the schedule, 400 for an unknown action, 404 for an unknown schedule
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String name, @Selector String action) {
		boolean pause;
		switch (action.toLowerCase(Locale.ROOT)) {
			case "pause":
				pause = true;
				break;
			case "resume":
				pause = false;
				break;
			default:
				return new WebEndpointResponse<>(new WorkflowsEndpoint.ActionError(WebEndpointResponse.STATUS_BAD_REQUEST,
						"Unknown action '" + action + "' for schedule '" + name + "'; POST to .../schedules/{name}/pause "
								+ "or .../schedules/{name}/resume"),
						WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		if (!this.schedules.pause(name, pause)) {
			return new WebEndpointResponse<>(new WorkflowsEndpoint.ActionError(WebEndpointResponse.STATUS_NOT_FOUND,
					"No schedule is named '" + name + "'"), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return new WebEndpointResponse<>(this.schedules.list()
			.stream()
			.filter((schedule) -> schedule.name().equals(name))
			.map(ScheduleDescriptor::of)
			.findFirst()
			.orElse(null), WebEndpointResponse.STATUS_OK);
	}

	/**
	 * The schedules.
	 * @param schedules each schedule
	 */
	public record ScheduleList(List<ScheduleDescriptor> schedules) {

	}

	/**
	 * One schedule.
	 * @param name its name, the workflow type it starts
	 * @param cron its cron expression
	 * @param zone the time zone of the cron expression
	 * @param nextFireTime the next fire time
	 * @param lastFireTime the fire time of the last workflow it started, or null
	 * @param lastWorkflowId the id of that workflow, or null
	 * @param paused whether it is paused
	 */
	public record ScheduleDescriptor(String name, String cron, String zone, Instant nextFireTime,
			@Nullable Instant lastFireTime, @Nullable String lastWorkflowId, boolean paused) {

		static ScheduleDescriptor of(ScheduleRecord schedule) {
			return new ScheduleDescriptor(schedule.name(), schedule.cron(), schedule.zone(), schedule.nextFireAt(),
					schedule.lastFireAt(), schedule.lastWorkflowId(), schedule.paused());
		}

	}

}
