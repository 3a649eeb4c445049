package dev.durable.sample;

import org.springframework.test.context.TestPropertySource;

/**
 * The shop's stories on an in-memory H2 database.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:shop-tests;DB_CLOSE_DELAY=-1")
class H2ShopIntegrationTests extends AbstractShopIntegrationTests {

}
