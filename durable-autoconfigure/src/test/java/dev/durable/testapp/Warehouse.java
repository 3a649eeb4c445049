package dev.durable.testapp;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

/**
 * Activities of the test application.
 */
@Activity
public class Warehouse {

	private final Calls calls;

	public Warehouse(Calls calls) {
		this.calls = calls;
	}

	public String reserve(String orderId, List<Line> lines) {
		this.calls.increment("reserve:" + orderId);
		return "R-" + orderId + "-" + lines.size();
	}

	public String charge(String orderId, long cents) {
		this.calls.increment("charge:" + orderId);
		return "C-" + orderId + "-" + cents;
	}

	public void refund(String chargeId) {
		this.calls.increment("refund:" + chargeId);
		this.calls.record("compensations", "refund:" + chargeId);
	}

	public void release(String reservation) {
		this.calls.increment("release:" + reservation);
		this.calls.record("compensations", "release:" + reservation);
	}

	public void audit(String orderId) {
		this.calls.increment("audit:" + orderId);
	}

	public void ship(String orderId) {
		this.calls.increment("ship:" + orderId);
	}

	public List<Line> lines(String orderId) {
		this.calls.increment("lines:" + orderId);
		return List.of(new Line("apple", 2), new Line("pear", 1));
	}

	public Map<String, Line> linesBySku(String orderId) {
		this.calls.increment("linesBySku:" + orderId);
		return Map.of("apple", new Line("apple", 2));
	}

	public Optional<Line> firstLine(String orderId) {
		this.calls.increment("firstLine:" + orderId);
		return Optional.of(new Line("apple", 2));
	}

	public int count(String orderId) {
		return this.calls.increment("count:" + orderId);
	}

	public String flaky(String orderId, int failures) throws IOException {
		int attempt = this.calls.increment("flaky:" + orderId);
		if (attempt <= failures) {
			throw new IOException("warehouse unreachable (attempt " + ActivityContext.attempt() + ")");
		}
		return "ok after " + attempt + " attempts, key " + ActivityContext.idempotencyKey();
	}

	public String broken(String orderId) {
		this.calls.increment("broken:" + orderId);
		throw new IllegalStateException("shelf " + orderId + " is gone");
	}

	public Unwritable unserializableResult(String orderId) {
		this.calls.increment("unserializable:" + orderId);
		return new Unwritable();
	}

}
