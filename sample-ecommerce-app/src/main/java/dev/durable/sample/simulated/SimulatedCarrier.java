package dev.durable.sample.simulated;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parcel carrier. While switched down with {@code POST /simulated/carrier/outage?down=true}
 * it refuses every shipment, which makes an order that has already been paid fail and be
 * compensated.
 */
@RestController
@RequestMapping("/simulated/carrier")
public class SimulatedCarrier {

	private final AtomicBoolean down = new AtomicBoolean();

	/**
	 * Hand a parcel to the carrier.
	 * @param orderId the order
	 * @param customer the addressee
	 * @return the tracking number
	 * @throws CarrierRefusedException while the carrier is down
	 */
	public String dispatch(String orderId, String customer) {
		if (this.down.get()) {
			throw new CarrierRefusedException("The carrier refused the parcel of order " + orderId
					+ " (simulated outage; POST /simulated/carrier/outage?down=false ends it)");
		}
		return "TRACK-" + Integer.toHexString((orderId + customer).hashCode());
	}

	@PostMapping("/outage")
	Map<String, Object> outage(@RequestParam boolean down) {
		this.down.set(down);
		return Map.of("service", "carrier", "down", down);
	}

	/**
	 * Thrown when the carrier refuses a parcel.
	 */
	public static class CarrierRefusedException extends RuntimeException {

		CarrierRefusedException(String message) {
			super(message);
		}

	}

}
