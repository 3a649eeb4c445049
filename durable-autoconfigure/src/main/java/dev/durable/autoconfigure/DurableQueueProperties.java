package dev.durable.autoconfigure;

import java.time.Duration;

import dev.durable.engine.DurableConfigurationException;
import dev.durable.engine.journal.QueueLimits;
import org.jspecify.annotations.Nullable;

/**
 * {@code durable.queues.<name>.*}: the limits of one queue, enforced where its workflows are
 * claimed so that they hold across every node sharing the database. A limit left unset does not
 * limit.
 */
public class DurableQueueProperties {

	/**
	 * Most workflows of this queue begun and not ended, across all nodes; a waiting workflow
	 * keeps its place.
	 */
	private @Nullable Integer concurrency;

	/**
	 * Most workflows of this queue one node runs at once.
	 */
	private @Nullable Integer nodeConcurrency;

	/**
	 * Most workflows of this queue that begin per rate-period, across all nodes.
	 */
	private @Nullable Integer rateLimit;

	/**
	 * The sliding period of rate-limit, such as 1s.
	 */
	private @Nullable Duration ratePeriod;

	public @Nullable Integer getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(@Nullable Integer concurrency) {
		this.concurrency = concurrency;
	}

	public @Nullable Integer getNodeConcurrency() {
		return this.nodeConcurrency;
	}

	public void setNodeConcurrency(@Nullable Integer nodeConcurrency) {
		this.nodeConcurrency = nodeConcurrency;
	}

	public @Nullable Integer getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(@Nullable Integer rateLimit) {
		this.rateLimit = rateLimit;
	}

	public @Nullable Duration getRatePeriod() {
		return this.ratePeriod;
	}

	public void setRatePeriod(@Nullable Duration ratePeriod) {
		this.ratePeriod = ratePeriod;
	}

	/**
	 * Check these properties and make the queue's limits.
	 * @param name the queue's name
	 * @return the limits
	 * @throws DurableConfigurationException naming the property and the fix
	 */
	QueueLimits toLimits(String name) {
		String prefix = "durable.queues." + name + ".";
		if (name.isBlank()) {
			throw new DurableConfigurationException("A queue under durable.queues has a blank name",
					"Name each queue, e.g. durable.queues.payments.concurrency=10.");
		}
		int concurrencyLimit = atLeastOne(prefix + "concurrency", this.concurrency);
		int nodeLimit = atLeastOne(prefix + "node-concurrency", this.nodeConcurrency);
		int rate = atLeastOne(prefix + "rate-limit", this.rateLimit);
		if (this.rateLimit != null && this.ratePeriod == null) {
			throw new DurableConfigurationException(prefix + "rate-limit is set but " + prefix + "rate-period is not",
					"Set " + prefix + "rate-period to the period the limit counts over, e.g. 1s.");
		}
		if (this.ratePeriod != null && this.rateLimit == null) {
			throw new DurableConfigurationException(prefix + "rate-period is set but " + prefix + "rate-limit is not",
					"Set " + prefix + "rate-limit to how many workflows may begin per period, or remove "
							+ prefix + "rate-period.");
		}
		if (this.ratePeriod != null && (this.ratePeriod.isNegative() || this.ratePeriod.isZero())) {
			throw new DurableConfigurationException(prefix + "rate-period must be positive, was " + this.ratePeriod,
					"Set " + prefix + "rate-period to a positive duration, e.g. 1s.");
		}
		return new QueueLimits(name, concurrencyLimit, nodeLimit, rate, this.ratePeriod);
	}

	private static int atLeastOne(String property, @Nullable Integer value) {
		if (value == null) {
			return QueueLimits.UNLIMITED;
		}
		if (value < 1) {
			throw new DurableConfigurationException(property + " must be at least 1, was " + value,
					"Set " + property + " to 1 or more, or remove it for no limit.");
		}
		return value;
	}

}
