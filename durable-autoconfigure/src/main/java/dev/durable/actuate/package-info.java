/**
 * The {@code workflows} actuator endpoint.
 */
@NullMarked
package dev.durable.actuate;

import org.jspecify.annotations.NullMarked;
