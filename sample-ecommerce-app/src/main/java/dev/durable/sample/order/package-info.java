/**
 * The order lifecycle: reservation, payment, packing, shipping, delivery and the return window.
 */
@NullMarked
package dev.durable.sample.order;

import org.jspecify.annotations.NullMarked;
