/**
 * The payment provider, bank and carrier the shop talks to, simulated inside the sample so that
 * no other server is needed, with switches to take them down.
 */
@NullMarked
package dev.durable.sample.simulated;

import org.jspecify.annotations.NullMarked;
