package dev.durable.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Marks a test class that drives real JVM processes (crash, multi-node and schedule tests): most
 * of its time is spent waiting for those processes, leases and timers, so it runs on a second
 * thread beside the in-process tests instead of after them. Classes so marked run one at a time
 * (they share one lock), and a class's methods run in order on its thread, so that at most one
 * set of test processes shares the machine with the in-process tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("test-processes")
public @interface RunsBesideOtherTests {

}
