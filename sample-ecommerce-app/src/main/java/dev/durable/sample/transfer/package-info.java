/**
 * Money transfers from a shop account to an external bank that may be down for a while.
 */
@NullMarked
package dev.durable.sample.transfer;

import org.jspecify.annotations.NullMarked;
