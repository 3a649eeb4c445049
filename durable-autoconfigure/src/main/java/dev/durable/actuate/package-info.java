/**
 * Operating Durable: the {@code workflows} actuator endpoint, Micrometer meters and the
 * {@code durable} health indicator.
 */
@NullMarked
package dev.durable.actuate;

import org.jspecify.annotations.NullMarked;
