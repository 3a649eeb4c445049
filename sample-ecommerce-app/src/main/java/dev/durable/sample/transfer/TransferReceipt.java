package dev.durable.sample.transfer;

/**
 * What a completed transfer returns.
 * @param transferId the transfer
 * @param withdrawalId the withdrawal from the shop account
 * @param depositId the external bank's deposit
 */
public record TransferReceipt(String transferId, String withdrawalId, String depositId) {
}
