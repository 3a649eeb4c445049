package dev.durable.engine.client;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.durable.StartOptions;
import dev.durable.annotation.DurableScheduled;
import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.definition.DurableMethods;
import dev.durable.engine.definition.WorkflowDefinition;
import dev.durable.engine.journal.ScheduleRecord;
import dev.durable.engine.run.EngineContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts the workflows of {@code @DurableScheduled} entry points: one row per schedule in the
 * journal, fired every poll interval by whichever node locks it first, each fire time starting the
 * workflow {@code <type>@<fire time>} in the firing's transaction, so that a fire time starts one
 * workflow across all nodes even if two fire at once. Also lists, pauses and resumes schedules
 * for the actuator.
 */
public class ScheduledStarts {

	private static final Log logger = LogFactory.getLog(ScheduledStarts.class);

	private final EngineContext engine;

	private final DurableMethods methods;

	private final WorkflowStarter starter;

	private final Duration interval;

	private volatile List<Schedule> schedules = List.of();

	private @Nullable ScheduledExecutorService scheduler;

	private boolean registered;

	/**
	 * Create the schedules.
	 * @param engine the engine context
	 * @param methods the entry points, some of them scheduled
	 * @param starter starts the scheduled workflows
	 * @param interval how often to look for due schedules
	 */
	public ScheduledStarts(EngineContext engine, DurableMethods methods, WorkflowStarter starter, Duration interval) {
		this.engine = engine;
		this.methods = methods;
		this.starter = starter;
		this.interval = interval;
	}

	/**
	 * Read and check every {@code @DurableScheduled} entry point, and the queue each entry point
	 * names, once all are registered.
	 * @throws DurableConfigurationException naming the method, if its cron expression, zone or parameters are
	 * invalid
	 */
	public void validate() {
		List<Schedule> found = new ArrayList<>();
		for (WorkflowDefinition workflow : this.methods.workflows()) {
			QueueChoice.checkDeclared(workflow, this.engine.settings());
			DurableScheduled scheduled = AnnotatedElementUtils.findMergedAnnotation(workflow.method(),
					DurableScheduled.class);
			if (scheduled != null) {
				found.add(Schedule.of(workflow, scheduled));
			}
		}
		this.schedules = List.copyOf(found);
	}

	/**
	 * Create the rows of this application's schedules and begin firing them every interval.
	 */
	public void start() {
		if (this.schedules.isEmpty()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "durable-schedules");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, this.interval.toMillis());
		this.scheduler.scheduleWithFixedDelay(this::fireQuietly, 0, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop firing schedules.
	 */
	public void stop() {
		ScheduledExecutorService current = this.scheduler;
		if (current != null) {
			current.shutdownNow();
			this.scheduler = null;
		}
	}

	/**
	 * Fire every due schedule of this application once.
	 * @return how many schedules fired
	 */
	public int fireDue() {
		int fired = 0;
		for (Schedule schedule : this.schedules) {
			if (this.engine.store().fireSchedule(schedule.name(), now(), (row) -> fire(schedule, row))) {
				fired++;
			}
		}
		return fired;
	}

	/**
	 * Read every schedule's row.
	 * @return the rows, by name
	 */
	public List<ScheduleRecord> list() {
		return this.engine.store().schedules();
	}

	/**
	 * Pause or resume a schedule; a resumed schedule goes on with its next fire time from now,
	 * without catching up on those that passed while it was paused.
	 * @param name the schedule's name (its workflow type)
	 * @param paused whether to pause it
	 * @return whether the schedule exists
	 */
	public boolean pause(String name, boolean paused) {
		Optional<Schedule> schedule = this.schedules.stream().filter((s) -> s.name().equals(name)).findFirst();
		Instant now = now();
		Instant next = schedule.map((s) -> FirePlan.next(s.cron(), s.zone(), now)).orElse(now);
		return this.engine.store().pauseSchedule(name, paused, next, now);
	}

	private ScheduleRecord fire(Schedule schedule, ScheduleRecord row) {
		Instant now = now();
		FirePlan plan = FirePlan.of(row.nextFireAt(), schedule.cron(), schedule.zone(), schedule.missed(), now,
				grace());
		Instant lastFire = row.lastFireAt();
		String lastId = row.lastWorkflowId();
		for (Instant fireTime : plan.fireTimes()) {
			String id = schedule.name() + "@" + fireTime;
			Object[] arguments = schedule.takesFireTime() ? new Object[] { fireTime } : new Object[0];
			this.starter.start(StartOptions.id(id), schedule.workflow(), arguments);
			lastFire = fireTime;
			lastId = id;
		}
		return new ScheduleRecord(row.name(), row.cron(), row.zone(), plan.next(), lastFire, lastId, row.paused());
	}

	private void fireQuietly() {
		try {
			if (!this.registered) {
				register();
				this.registered = true;
			}
			fireDue();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not fire schedules (" + ex + "); trying again in " + this.interval);
		}
	}

	/**
	 * Create each schedule's row, or take a changed cron expression or zone, with its first fire
	 * time from now.
	 */
	public void register() {
		Instant now = now();
		for (Schedule schedule : this.schedules) {
			this.engine.store().registerSchedule(schedule.name(), schedule.cronText(), schedule.zone().getId(),
					FirePlan.next(schedule.cron(), schedule.zone(), now), now);
		}
	}

	private Duration grace() {
		Duration twice = this.interval.multipliedBy(2);
		return (twice.compareTo(Duration.ofSeconds(1)) > 0) ? twice : Duration.ofSeconds(1);
	}

	private Instant now() {
		return this.engine.clock().instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A {@code @DurableScheduled} entry point, read and checked.
	 */
	private record Schedule(WorkflowDefinition workflow, String cronText, CronExpression cron, ZoneId zone,
			DurableScheduled.Missed missed, boolean takesFireTime) {

		String name() {
			return this.workflow.type();
		}

		static Schedule of(WorkflowDefinition workflow, DurableScheduled scheduled) {
			Method method = workflow.method();
			String where = "@DurableScheduled method " + method.getDeclaringClass().getName() + "."
					+ method.getName();
			CronExpression cron;
			try {
				cron = CronExpression.parse(scheduled.cron());
			}
			catch (IllegalArgumentException ex) {
				throw new DurableConfigurationException(where + " has an invalid cron expression '" + scheduled.cron()
						+ "': " + ex.getMessage(), "Use Spring's six-field cron syntax (seconds first), such as "
								+ "\"0 0 2 * * *\" for 2 a.m. every day.");
			}
			ZoneId zone;
			try {
				zone = scheduled.zone().isEmpty() ? ZoneId.systemDefault() : ZoneId.of(scheduled.zone());
			}
			catch (RuntimeException ex) {
				throw new DurableConfigurationException(where + " has an invalid zone '" + scheduled.zone() + "': "
						+ ex.getMessage(), "Use a time-zone id such as \"Europe/Berlin\" or \"UTC\", or leave zone "
								+ "empty for the JVM's zone.");
			}
			Class<?>[] parameters = method.getParameterTypes();
			boolean takesFireTime = parameters.length == 1 && parameters[0] == Instant.class;
			if (parameters.length > 1 || (parameters.length == 1 && !takesFireTime)) {
				throw new DurableConfigurationException(where + " takes " + parameters.length + " parameter(s), "
						+ "which a schedule cannot supply", "Take no parameters or one java.time.Instant (the fire time).");
			}
			return new Schedule(workflow, scheduled.cron(), cron, zone, scheduled.missed(), takesFireTime);
		}

	}

}
