package dev.durable.sample.order;

import java.time.LocalDate;

/**
 * One day's settlement: how many paid orders were last changed that day and their total.
 * @param day the day settled, in UTC
 * @param orders the number of paid orders
 * @param totalCents their total amount, in cents
 */
public record Settlement(LocalDate day, int orders, long totalCents) {

}
