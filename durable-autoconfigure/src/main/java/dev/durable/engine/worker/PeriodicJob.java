package dev.durable.engine.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * A job a node runs every interval on a daemon thread of its own; a failure is logged and the
 * job tried again at its next turn, so a database that is away for a while stops nothing.
 */
abstract class PeriodicJob implements SmartLifecycle {

	private final String threadName;

	private final Duration interval;

	private final boolean runAtStart;

	private @Nullable ScheduledExecutorService scheduler;

	PeriodicJob(String threadName, Duration interval, boolean runAtStart) {
		this.threadName = threadName;
		this.interval = interval;
		this.runAtStart = runAtStart;
	}

	/**
	 * Do one turn of the job.
	 */
	abstract void runOnce();

	/**
	 * Say what could not be done, for the warning logged when a turn fails.
	 */
	abstract String failure();

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.threadName);
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, this.interval.toMillis());
		this.scheduler.scheduleWithFixedDelay(this::runQuietly, this.runAtStart ? 0 : every, every,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void runQuietly() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			LogFactory.getLog(getClass()).warn(failure() + " (" + ex + "); trying again in " + this.interval);
		}
	}

}
