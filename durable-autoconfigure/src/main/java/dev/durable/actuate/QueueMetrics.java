package dev.durable.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.durable.engine.journal.QueueCount;
import dev.durable.engine.journal.WorkflowQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of each configured queue, tagged with its name: {@code durable.queue.depth}, its
 * workflows waiting to begin, and {@code durable.queue.running}, those begun and not ended
 * (waiting ones included), across all nodes. One grouped count serves every gauge and is reused
 * for a while, so that a scrape costs the database little.
 */
public class QueueMetrics {

	private static final Log logger = LogFactory.getLog(QueueMetrics.class);

	private final WorkflowQueues queues;

	private final Clock clock;

	private final Duration refresh;

	private Map<String, QueueCount> counts = new HashMap<>();

	private @Nullable Instant countedAt;

	/**
	 * Register the gauges of the configured queues.
	 * @param registry where to register them
	 * @param queues counts the queues' workflows
	 * @param names the configured queues' names
	 * @param clock the clock for the count's reuse
	 * @param refresh how long a count is reused
	 */
	public QueueMetrics(MeterRegistry registry, WorkflowQueues queues, List<String> names, Clock clock,
			Duration refresh) {
		this.queues = queues;
		this.clock = clock;
		this.refresh = refresh;
		for (String name : names) {
			Gauge.builder("durable.queue.depth", this, (metrics) -> metrics.count(name).depth())
				.description("Workflows of the queue waiting to begin")
				.tag("queue", name)
				.register(registry);
			Gauge.builder("durable.queue.running", this, (metrics) -> metrics.count(name).running())
				.description("Workflows of the queue begun and not ended, across all nodes")
				.tag("queue", name)
				.register(registry);
		}
	}

	private synchronized QueueCount count(String name) {
		Instant now = this.clock.instant();
		if (this.countedAt == null || !now.isBefore(this.countedAt.plus(this.refresh))) {
			try {
				Map<String, QueueCount> fresh = new HashMap<>();
				this.queues.countQueues().forEach((count) -> fresh.put(count.queue(), count));
				this.counts = fresh;
			}
			catch (RuntimeException ex) {
				logger.debug("Could not count the queues' workflows; the gauges keep their last values", ex);
			}
			this.countedAt = now;
		}
		return this.counts.getOrDefault(name, new QueueCount(name, 0, 0));
	}

}
