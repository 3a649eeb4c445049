/**
 * A shop whose orders and money transfers run as durable workflows.
 */
@NullMarked
package dev.durable.sample;

import org.jspecify.annotations.NullMarked;
