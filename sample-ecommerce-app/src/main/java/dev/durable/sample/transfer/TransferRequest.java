package dev.durable.sample.transfer;

/**
 * A money transfer as the API receives it.
 * @param fromAccount the shop account to withdraw from
 * @param toIban the account at the external bank to deposit to
 * @param amountCents the amount
 */
public record TransferRequest(String fromAccount, String toIban, long amountCents) {
}
