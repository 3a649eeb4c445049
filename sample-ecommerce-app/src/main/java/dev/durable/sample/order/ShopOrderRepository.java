package dev.durable.sample.order;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The shop's orders.
 */
public interface ShopOrderRepository extends JpaRepository<ShopOrder, String> {

}
