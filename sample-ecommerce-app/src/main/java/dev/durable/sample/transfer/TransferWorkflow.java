package dev.durable.sample.transfer;

import dev.durable.annotation.DurableWorkflow;

/**
 * Moves money from a shop account to an external bank. Once the withdrawal is recorded, the
 * deposit is retried for as long as the bank is down, across restarts, so money that left the
 * account always arrives.
 */
@DurableWorkflow(name = "transfer")
public class TransferWorkflow {

	private final AccountActivities accounts;

	private final BankActivities bank;

	public TransferWorkflow(AccountActivities accounts, BankActivities bank) {
		this.accounts = accounts;
		this.bank = bank;
	}

	/**
	 * Run a transfer.
	 * @param transferId the transfer
	 * @param request what to transfer
	 * @return the receipt
	 */
	public TransferReceipt transfer(String transferId, TransferRequest request) {
		String withdrawalId = this.accounts.withdraw(transferId, request.fromAccount(), request.amountCents());
		String depositId = this.bank.deposit(transferId, request.toIban(), request.amountCents());
		return new TransferReceipt(transferId, withdrawalId, depositId);
	}

}
