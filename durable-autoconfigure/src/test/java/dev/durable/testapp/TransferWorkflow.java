package dev.durable.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.durable.ActivityFailedException;
import dev.durable.annotation.DurableWorkflow;

/**
 * The seed's money transfer, and other workflows of activities with named retry policies.
 */
@DurableWorkflow
public class TransferWorkflow {

	private final Bank bank;

	public TransferWorkflow(Bank bank) {
		this.bank = bank;
	}

	public String transfer(String transferId, long cents, int depositFailures) {
		String withdrawal = this.bank.withdraw(transferId, cents);
		try {
			return withdrawal + "|" + this.bank.deposit(transferId, cents, depositFailures);
		}
		catch (IOException ex) {
			// Not reached: in workflow code a failed activity arrives as ActivityFailedException.
			throw new UncheckedIOException(ex);
		}
	}

	public String charge(String paymentId, boolean declined) {
		try {
			return this.bank.charge(paymentId, declined);
		}
		catch (ActivityFailedException ex) {
			return ex.getAttempts() + "|" + ex.getOriginalExceptionType() + "|" + ex.getMessage();
		}
	}

	public String unstable(String id) {
		try {
			return this.bank.unstable(id);
		}
		catch (ActivityFailedException ex) {
			return "gave up after " + ex.getAttempts();
		}
	}

	public String slow(String id) {
		return this.bank.slow(id);
	}

	public String recovering(String id) {
		return this.bank.recovering(id);
	}

}
