/**
 * The annotations that mark workflow entry points and activities.
 */
@NullMarked
package dev.durable.annotation;

import org.jspecify.annotations.NullMarked;
