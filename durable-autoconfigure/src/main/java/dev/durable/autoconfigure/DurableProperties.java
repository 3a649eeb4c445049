package dev.durable.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of Durable, under {@code durable.*}.
 */
@ConfigurationProperties("durable")
public class DurableProperties {

	/**
	 * Whether Durable is enabled: proxies workflows and activities, runs workers and exposes the
	 * WorkflowClient.
	 */
	private boolean enabled = true;

	/**
	 * This node's identity, written as owner of the workflows it runs and shown by the actuator
	 * endpoint. Defaults to host name and process id. A stable id (such as a pod name) lets a
	 * restarted node resume its own running workflows at once instead of after their lease.
	 */
	private @Nullable String nodeId;

	private final Jdbc jdbc = new Jdbc();

	private final Worker worker = new Worker();

	private final Activity activity = new Activity();

	private final Retention retention = new Retention();

	private final Health health = new Health();

	private final Dashboard dashboard = new Dashboard();

	private final Events events = new Events();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Activity getActivity() {
		return this.activity;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Events getEvents() {
		return this.events;
	}

	/**
	 * Reading the values workflows publish (WorkflowClient.getEvent).
	 */
	public static class Events {

		/**
		 * How often a getEvent that waits looks for its value. A value published on this node
		 * wakes it at once, and on PostgreSQL so does one published on another node
		 * (LISTEN/NOTIFY); the look is the bound when a notification is lost.
		 */
		private Duration pollInterval = Duration.ofMillis(500);

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Deletion of ended workflows.
	 */
	public static class Retention {

		/**
		 * Whether ended workflows are deleted once older than the retention period.
		 */
		private boolean enabled = true;

		/**
		 * How long completed, failed and cancelled workflows are kept, with their journals.
		 */
		private Duration period = Duration.ofDays(30);

		/**
		 * How often expired workflows are looked for.
		 */
		private Duration interval = Duration.ofHours(1);

		/**
		 * Most workflows deleted per transaction.
		 */
		private int batchSize = 500;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	public Health getHealth() {
		return this.health;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
	}

	/**
	 * The journal's schema.
	 */
	public static class Jdbc {

		/**
		 * When to create the journal's tables from the bundled scripts: 'embedded' (H2,
		 * including file databases), 'always' or 'never' (you create them, e.g. with Flyway).
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

		/**
		 * Platform of the schema script to use (h2, postgresql), if not detected from the DataSource.
		 */
		private @Nullable String platform;

		private final GroupCommit groupCommit = new GroupCommit();

		public GroupCommit getGroupCommit() {
			return this.groupCommit;
		}

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public @Nullable String getPlatform() {
			return this.platform;
		}

		public void setPlatform(@Nullable String platform) {
			this.platform = platform;
		}

	}

	/**
	 * Shared commits for the journal writes of concurrent workflows.
	 */
	public static class GroupCommit {

		/**
		 * Whether the step records, direct-call starts and ends of concurrent workflows share
		 * transactions (each workflow still continues only once its own record is committed).
		 * Writes inside a transaction, such as a @Transactional activity's, always stay in it.
		 */
		private boolean enabled = true;

		/**
		 * Most journal writes one shared transaction takes.
		 */
		private int maxBatch = 64;

		/**
		 * Most shared transactions written at once; more overlap one commit's wait with the
		 * next one's statements, fewer make bigger batches.
		 */
		private int maxInFlight = 2;

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxBatch() {
			return this.maxBatch;
		}

		public void setMaxBatch(int maxBatch) {
			this.maxBatch = maxBatch;
		}

	}

	/**
	 * The workers that claim and run workflows on this node.
	 */
	public static class Worker {

		/**
		 * Whether this node runs workflows; a node with workers disabled can still start them.
		 */
		private boolean enabled = true;

		/**
		 * Most workflows this node runs at once, each on its own thread while it executes.
		 */
		private int concurrency = 16;

		/**
		 * How often idle workers look for due workflows (timers, retries, other nodes' starts);
		 * starts on this node wake them at once.
		 */
		private Duration pollInterval = Duration.ofMillis(500);

		/**
		 * How long a node's claim on a running workflow lasts without renewal; after a crash,
		 * another node resumes the workflow once this has passed.
		 */
		private Duration leaseDuration = Duration.ofSeconds(30);

		/**
		 * How long shutdown waits for running workflows before releasing them to other nodes.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Waits up to this long (retry backoffs, short sleeps) keep the workflow's thread; longer
		 * ones suspend the workflow and free the thread.
		 */
		private Duration inThreadWaitLimit = Duration.ofSeconds(1);

		/**
		 * Most activity attempts with a timeout that run at once on this node (each on a thread
		 * of its own); an attempt that ignores the interrupt at its timeout keeps its thread until
		 * it returns, and is logged at WARN.
		 */
		private int timedActivityThreads = 64;

		/**
		 * Most runs in a row of one workflow that may stop without ending or waiting (a store
		 * error, a lost lease, a process that died during the run) before the workflow ends
		 * FAILED; retrying it through the actuator endpoint starts the count again.
		 */
		private int maxRunAttempts = 10;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getInThreadWaitLimit() {
			return this.inThreadWaitLimit;
		}

		public void setInThreadWaitLimit(Duration inThreadWaitLimit) {
			this.inThreadWaitLimit = inThreadWaitLimit;
		}

		public int getTimedActivityThreads() {
			return this.timedActivityThreads;
		}

		public void setTimedActivityThreads(int timedActivityThreads) {
			this.timedActivityThreads = timedActivityThreads;
		}

		public int getMaxRunAttempts() {
			return this.maxRunAttempts;
		}

		public void setMaxRunAttempts(int maxRunAttempts) {
			this.maxRunAttempts = maxRunAttempts;
		}

	}

	/**
	 * Activities.
	 */
	public static class Activity {

		private final DefaultRetry defaultRetry = new DefaultRetry();

		public DefaultRetry getDefaultRetry() {
			return this.defaultRetry;
		}

	}

	/**
	 * The retry policy of activities that name none: by default, retry until success with
	 * exponential backoff from 1 s, doubling, capped at 1 min.
	 */
	public static class DefaultRetry {

		/**
		 * Resilience4j retry instance (resilience4j.retry.instances.<name>) to use as the default
		 * policy instead of the settings below.
		 */
		private @Nullable String instance;

		/**
		 * Most attempts per activity call; 0 retries until success.
		 */
		private int maxAttempts = 0;

		/**
		 * Wait after the first failed attempt.
		 */
		private Duration initialInterval = Duration.ofSeconds(1);

		/**
		 * Factor by which each further wait grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxInterval = Duration.ofMinutes(1);

		public @Nullable String getInstance() {
			return this.instance;
		}

		public void setInstance(@Nullable String instance) {
			this.instance = instance;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

	}

	/**
	 * The {@code durable} health indicator.
	 */
	public static class Health {

		/**
		 * How long past its due time a workflow that is not running counts as overdue in the
		 * health details (a sign of too few workers, or of none).
		 */
		private Duration overdueAfter = Duration.ofMinutes(5);

		public Duration getOverdueAfter() {
			return this.overdueAfter;
		}

		public void setOverdueAfter(Duration overdueAfter) {
			this.overdueAfter = overdueAfter;
		}

	}

	/**
	 * The dashboard page, a view of the {@code workflows} actuator endpoint.
	 */
	public static class Dashboard {

		/**
		 * Whether a Spring MVC application serves the dashboard page under {@code /durable/}. It
		 * reads and acts through the {@code workflows} actuator endpoint, which must be exposed.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
