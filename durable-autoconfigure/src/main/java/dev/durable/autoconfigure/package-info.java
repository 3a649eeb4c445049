/**
 * Auto-configuration and {@code durable.*} configuration properties.
 */
@NullMarked
package dev.durable.autoconfigure;

import org.jspecify.annotations.NullMarked;
