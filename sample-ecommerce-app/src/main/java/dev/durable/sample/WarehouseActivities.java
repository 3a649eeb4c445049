package dev.durable.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

/**
 * The warehouse, an external system: each reservation is appended to its ledger file and can
 * never be taken back, so it must happen exactly once per order.
 */
@Activity
public class WarehouseActivities {

	private final ShopProperties properties;

	public WarehouseActivities(ShopProperties properties) {
		this.properties = properties;
	}

	public String reserve(String orderId, List<OrderItem> items) {
		String reservationId = "RES-" + orderId;
		String entry = reservationId + " " + items + " key=" + ActivityContext.idempotencyKey() + System.lineSeparator();
		try {
			Files.createDirectories(this.properties.ledger().toAbsolutePath().getParent());
			Files.writeString(this.properties.ledger(), entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND, StandardOpenOption.SYNC);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The warehouse ledger " + this.properties.ledger() + " is not writable", ex);
		}
		return reservationId;
	}

	public String ship(String orderId, String customer) {
		return "TRACK-" + Math.abs((orderId + customer).hashCode());
	}

}
