package dev.durable.sample.transfer;

import dev.durable.annotation.Activity;

import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's own accounts. Withdrawals are transactional on the shop's database, so the balance
 * change and its journal record commit together: a withdrawal happens exactly once per transfer.
 */
@Activity
@Transactional
public class AccountActivities {

	private final AccountRepository accounts;

	AccountActivities(AccountRepository accounts) {
		this.accounts = accounts;
	}

	/**
	 * Take money out of an account.
	 * @param transferId the transfer
	 * @param accountId the account
	 * @param amountCents the amount
	 * @return the withdrawal id
	 * @throws TransferRejectedException if the account is unknown or lacks the funds
	 */
	@Activity(retry = "ledger")
	public String withdraw(String transferId, String accountId, long amountCents) {
		this.accounts.findById(accountId)
			.orElseThrow(() -> new TransferRejectedException("No account " + accountId))
			.withdraw(amountCents);
		return "WD-" + transferId;
	}

}
