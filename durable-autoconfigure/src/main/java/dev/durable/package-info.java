/**
 * The public API of Durable: the workflow client and handle, the static facades for workflow and activity code, and the exceptions.
 */
@NullMarked
package dev.durable;

import org.jspecify.annotations.NullMarked;
