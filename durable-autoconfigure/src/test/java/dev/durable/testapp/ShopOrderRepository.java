package dev.durable.testapp;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The application's own Spring Data repository.
 */
public interface ShopOrderRepository extends JpaRepository<ShopOrder, String> {

}
