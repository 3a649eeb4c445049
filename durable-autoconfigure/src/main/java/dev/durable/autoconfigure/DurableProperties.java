package dev.durable.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
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

	@NestedConfigurationProperty
	private final DurableWorkerProperties worker = new DurableWorkerProperties();

	@NestedConfigurationProperty
	private final DurableActivityProperties activity = new DurableActivityProperties();

	private final Retention retention = new Retention();

	private final Health health = new Health();

	private final Dashboard dashboard = new Dashboard();

	private final Events events = new Events();

	/**
	 * Queues by name: flow control of the workflows started in them (StartOptions.queue or
	 * {@code @DurableWorkflow(queue = ...)}), across every node sharing the database. Each has
	 * concurrency, node-concurrency, rate-limit and rate-period, all optional.
	 */
	private final Map<String, DurableQueueProperties> queues = new LinkedHashMap<>();

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

	public DurableWorkerProperties getWorker() {
		return this.worker;
	}

	public DurableActivityProperties getActivity() {
		return this.activity;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Events getEvents() {
		return this.events;
	}

	public Map<String, DurableQueueProperties> getQueues() {
		return this.queues;
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
		 * next one's statements, fewer make bigger batches. Worth raising (to 4) where a commit's
		 * flush takes a millisecond or more, as on network-attached disks.
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
