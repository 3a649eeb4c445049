package dev.durable.testing;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Disarms crash points a test armed but did not reach, so they cannot hit the next test method
 * of the same class. Registered in {@code META-INF/spring.factories}; does nothing for a test
 * whose context has no {@link WorkflowCrashes}.
 */
class DurableTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			context.getBeanProvider(WorkflowCrashes.class).ifAvailable(WorkflowCrashes::reset);
		}
	}

}
