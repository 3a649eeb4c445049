package dev.durable.testapp;

import java.util.concurrent.CountDownLatch;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

import org.springframework.transaction.annotation.Transactional;

/**
 * A transactional activity: its row and its journal record commit together.
 */
@Activity
public class Ledger {

	/** When set, the activity signals {@code reached} after writing and waits for {@code release}. */
	public static volatile CountDownLatch reached;

	/** Released by the test to let a paused activity return. */
	public static volatile CountDownLatch release;

	private final ShopOrderRepository orders;

	public Ledger(ShopOrderRepository orders) {
		this.orders = orders;
	}

	@Transactional
	public String record(String orderId, boolean failFirstAttempt) throws InterruptedException {
		String rowId = orderId + "-attempt-" + ActivityContext.attempt();
		this.orders.save(new ShopOrder(rowId, "ledger"));
		if (failFirstAttempt && ActivityContext.attempt() == 1) {
			throw new IllegalStateException("ledger busy");
		}
		CountDownLatch reachedNow = reached;
		if (reachedNow != null) {
			reachedNow.countDown();
			release.await();
		}
		return rowId;
	}

}
