/**
 * The journal on JPA: entities, queries and per-database schema scripts behind the engine's store interface.
 */
@NullMarked
package dev.durable.store;

import org.jspecify.annotations.NullMarked;
