/**
 * Runs workflows: interception, the replay context behind the facades, activity retries, workers and leases; owns the store interface it needs.
 */
@NullMarked
package dev.durable.engine;

import org.jspecify.annotations.NullMarked;
