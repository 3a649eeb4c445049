package dev.durable.sample.order;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import dev.durable.annotation.Activity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Totals one day's paid orders for the settlement; a real shop would hand this to its accounting.
 */
@Component
public class SettlementActivities {

	private static final Log logger = LogFactory.getLog(SettlementActivities.class);

	private static final EnumSet<OrderStage> PAID = EnumSet.of(OrderStage.AWAITING_PACKING, OrderStage.SHIPPED,
			OrderStage.DELIVERED, OrderStage.COMPLETED);

	private final ShopOrderRepository orders;

	SettlementActivities(ShopOrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Total the paid orders last changed on a day (UTC).
	 * @param day the day
	 * @return the settlement
	 */
	@Activity
	public Settlement total(LocalDate day) {
		List<ShopOrder> paid = this.orders.findByStageInAndUpdatedAtGreaterThanEqualAndUpdatedAtLessThan(PAID,
				day.atStartOfDay(ZoneOffset.UTC).toInstant(), day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		Settlement settlement = new Settlement(day, paid.size(),
				paid.stream().mapToLong(ShopOrder::getAmountCents).sum());
		logger.info("Settled " + day + ": " + settlement.orders() + " paid order(s), " + settlement.totalCents()
				+ " cents");
		return settlement;
	}

}
