package dev.durable.sample;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the shop: how long an order waits for delivery and returns, and where the
 * simulated external services answer.
 * @param deliveryDeadline how long a shipped order waits for the carrier's delivery
 * confirmation before it is taken as delivered
 * @param returnWindow how long after delivery the customer may return the order (30 days in
 * real life; the demo shortens it in application.yml)
 * @param packingDeadline how long a paid order may wait for the warehouse's packing confirmation
 * before it is escalated (it keeps waiting for packing after that)
 * @param simulator the simulated payment provider, bank and carrier
 */
@ConfigurationProperties("shop")
public record ShopProperties(Duration deliveryDeadline, Duration returnWindow, Duration packingDeadline,
		Simulator simulator) {

	public ShopProperties {
		deliveryDeadline = (deliveryDeadline != null) ? deliveryDeadline : Duration.ofDays(7);
		returnWindow = (returnWindow != null) ? returnWindow : Duration.ofDays(30);
		packingDeadline = (packingDeadline != null) ? packingDeadline : Duration.ofDays(2);
		simulator = (simulator != null) ? simulator : new Simulator(null, null);
	}

	/**
	 * The simulated external services built into the sample.
	 * @param url where they answer; by default this application's own HTTP port
	 * @param paymentResponseDelay how long the payment provider takes to answer after it has
	 * recorded a charge, long enough in the crash test to kill the shop mid-payment
	 */
	public record Simulator(@Nullable URI url, Duration paymentResponseDelay) {

		public Simulator {
			paymentResponseDelay = (paymentResponseDelay != null) ? paymentResponseDelay : Duration.ZERO;
		}

	}

}
