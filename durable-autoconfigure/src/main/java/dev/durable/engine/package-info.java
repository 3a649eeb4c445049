/**
 * The engine's shared ground: the clock a user may replace and the failures whose class names users see; the rooms below it run workflows.
 */
@NullMarked
package dev.durable.engine;

import org.jspecify.annotations.NullMarked;
