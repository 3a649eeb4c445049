package dev.durable.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A {@link SpringBootTest} of an application on Durable, with the engine on a database of its own
 * and under the test's control. Use it instead of {@code @SpringBootTest}.
 *
 * <p>Each test class gets:
 * <ul>
 * <li>its own in-memory H2 database (a fresh name per application context), replacing the
 * application's {@code spring.datasource.*}, with Durable's tables created; the context is closed
 * after the class so nothing carries over to the next one. Set {@link #isolatedDatabase()} to
 * {@code false} to keep the application's database, e.g. to run the same tests on PostgreSQL;</li>
 * <li>a {@link DurableTestClock} as the engine's clock: it stands still until the test moves it,
 * and moving it wakes the workers, so a 30-day timer fires at once;</li>
 * <li>{@link WorkflowAwaiter} beans to wait for a workflow's status, signal wait, timer or
 * {@code DurableFuture.get()}, {@link WorkflowCrashes} to stop a run after a named activity (or
 * the Nth of a fan-out) as a crash would and resume it,
 * and {@link WorkflowReplayer} to check recorded journals against the current code.</li>
 * </ul>
 *
 * <p>Defaults that suit tests, each overridable through {@link #properties()}:
 * {@code durable.worker.lease-duration=3650d} (moving the clock must not make a running
 * workflow's lease expire and run it twice), {@code durable.retention.enabled=false} (moving the
 * clock must not delete the ended workflows a test looks at) and
 * {@code durable.worker.poll-interval=50ms}.
 *
 * <pre class="code">
 * &#64;DurableTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class OrderWorkflowTests {
 *
 *     &#64;Autowired DurableTestClock clock;
 *     &#64;Autowired WorkflowAwaiter awaiter;
 *
 *     &#64;Test
 *     void theReturnWindowClosesAfter30Days() {
 *         String id = orders.place(request);
 *         awaiter.awaitSignalWait(id, "return");
 *         clock.advance(Duration.ofDays(30));
 *         awaiter.awaitStatus(id, WorkflowStatus.COMPLETED);
 *     }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface DurableTest {

	/**
	 * Properties in {@code key=value} form added to the test's environment, as
	 * {@link SpringBootTest#properties()}; they override Durable's test defaults.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

	/**
	 * The component classes that load the application context, as {@link SpringBootTest#classes()};
	 * by default the {@code @SpringBootConfiguration} found from the test's package.
	 * @return the classes
	 */
	@AliasFor(annotation = SpringBootTest.class)
	Class<?>[] classes() default {};

	/**
	 * The web environment, as {@link SpringBootTest#webEnvironment()}; use
	 * {@code RANDOM_PORT} when activities call the application's own HTTP endpoints.
	 * @return the web environment
	 */
	@AliasFor(annotation = SpringBootTest.class)
	SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

	/**
	 * Whether to replace the application's database with an in-memory H2 database of the test
	 * class's own.
	 * @return {@code false} to keep the application's {@code spring.datasource.*}
	 */
	boolean isolatedDatabase() default true;

}
