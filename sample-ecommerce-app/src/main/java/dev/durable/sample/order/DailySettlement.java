package dev.durable.sample.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.durable.annotation.DurableScheduled;
import dev.durable.annotation.DurableWorkflow;

/**
 * Settles each day's orders shortly after midnight (UTC): one workflow per day across all nodes,
 * {@code DailySettlement.settle@<fire time>}; after a downtime, the latest missed day is settled
 * once ({@code RUN_ONCE}).
 */
@DurableWorkflow
public class DailySettlement {

	private final SettlementActivities settlements;

	DailySettlement(SettlementActivities settlements) {
		this.settlements = settlements;
	}

	/**
	 * Settle the day before the fire time.
	 * @param scheduledTime the fire time
	 * @return the settlement
	 */
	@DurableScheduled(cron = "0 5 0 * * *", zone = "UTC")
	public Settlement settle(Instant scheduledTime) {
		LocalDate day = scheduledTime.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
		return this.settlements.total(day);
	}

}
