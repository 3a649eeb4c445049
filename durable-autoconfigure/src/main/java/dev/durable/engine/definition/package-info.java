/**
 * Workflow and activity definitions: the registry of annotated methods, validated at start-up.
 */
@NullMarked
package dev.durable.engine.definition;

import org.jspecify.annotations.NullMarked;
