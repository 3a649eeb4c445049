package dev.durable.sample.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The shop's orders.
 */
public interface ShopOrderRepository extends JpaRepository<ShopOrder, String> {

	/**
	 * Find the orders in the given stages last changed within a period.
	 * @param stages the stages
	 * @param from the period's start, inclusive
	 * @param to the period's end, exclusive
	 * @return the orders
	 */
	List<ShopOrder> findByStageInAndUpdatedAtGreaterThanEqualAndUpdatedAtLessThan(Collection<OrderStage> stages,
			Instant from, Instant to);

}
