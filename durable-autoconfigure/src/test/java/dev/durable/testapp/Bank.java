package dev.durable.testapp;

import java.io.IOException;

import dev.durable.ActivityContext;
import dev.durable.annotation.Activity;

/**
 * A bank whose activities name Resilience4j retry policies.
 */
@Activity
public class Bank {

	private final Calls calls;

	public Bank(Calls calls) {
		this.calls = calls;
	}

	@Activity(retry = "deposit")
	public String withdraw(String transferId, long cents) {
		this.calls.increment("withdraw:" + transferId);
		return "W-" + cents;
	}

	@Activity(retry = "deposit")
	public String deposit(String transferId, long cents, int failures) throws IOException {
		int call = this.calls.increment("deposit:" + transferId);
		if (call <= failures) {
			throw new IOException("bank unreachable (call " + call + ")");
		}
		return "D-" + cents + "-" + ActivityContext.idempotencyKey();
	}

	@Activity(retry = "payment")
	public String charge(String paymentId, boolean declined) {
		this.calls.increment("charge:" + paymentId);
		if (declined) {
			throw new IllegalArgumentException("card declined");
		}
		throw new IllegalStateException("payment provider down");
	}

	@Activity(retry = "backoff")
	public String unstable(String id) {
		throw new IllegalStateException("unstable, attempt " + ActivityContext.attempt());
	}

	@Activity(retry = "timed", timeout = "300ms")
	public String slow(String id) {
		if (ActivityContext.attempt() == 1) {
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				this.calls.increment("interrupted:" + id);
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}
		return "fast on attempt " + ActivityContext.attempt();
	}

	@Activity(retry = "patient")
	public String recovering(String id) {
		if (ActivityContext.attempt() < 4) {
			throw new IllegalStateException("still down at attempt " + ActivityContext.attempt());
		}
		return "recovered at attempt " + ActivityContext.attempt();
	}

}
