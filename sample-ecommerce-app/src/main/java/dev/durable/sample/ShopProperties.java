package dev.durable.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample's simulated external services.
 * @param ledger the file where the simulated warehouse records reservations, standing in for a
 * third-party system whose effects cannot be rolled back
 * @param paymentDelay how long the simulated payment provider takes to answer
 */
@ConfigurationProperties("shop")
public record ShopProperties(Path ledger, Duration paymentDelay) {

	public ShopProperties {
		ledger = (ledger != null) ? ledger : Path.of("data", "warehouse-ledger.txt");
		paymentDelay = (paymentDelay != null) ? paymentDelay : Duration.ZERO;
	}

}
