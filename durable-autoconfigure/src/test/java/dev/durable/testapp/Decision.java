package dev.durable.testapp;

/**
 * A human decision sent as a signal.
 * @param approvedBy who decided
 * @param approved whether they approved
 */
public record Decision(String approvedBy, boolean approved) {
}
