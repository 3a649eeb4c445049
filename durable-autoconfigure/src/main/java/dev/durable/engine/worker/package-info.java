/**
 * Workers: claiming and running due workflows, lease renewal, abandoned runs and retention.
 */
@NullMarked
package dev.durable.engine.worker;

import org.jspecify.annotations.NullMarked;
