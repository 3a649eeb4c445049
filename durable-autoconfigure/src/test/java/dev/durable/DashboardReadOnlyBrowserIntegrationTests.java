package dev.durable;

import java.util.List;
import java.util.UUID;

import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.Decision;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console with the endpoint's defaults (read-only, values hidden): a workflow's page shows its
 * steps but no values, and offers no signal, cancel or retry. The same settings as
 * {@link WorkflowsEndpointDefaultsIntegrationTests}, so the two share one application context.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.workflows.access=read-only",
				"management.endpoint.workflows.show-values=never" })
class DashboardReadOnlyBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	@Autowired
	ApprovalWorkflow approvals;

	@Test
	void aWorkflowsPageHasNoActionsWhenTheEndpointIsReadOnly() throws Exception {
		String id = "read-only-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);

		this.browser.get("http://localhost:" + this.port + "/durable/#/workflows/" + id);
		this.wait.withMessage(() -> "the page of " + id)
			.until((driver) -> "WAITING".equals(driver.findElement(By.id("detail")).getDomAttribute("data-status"))
					&& !driver.findElements(By.cssSelector("li.step[data-kind='signal']")).isEmpty());
		assertThat(this.browser.findElement(By.id("actions")).isDisplayed()).isFalse();
		assertThat(this.browser.findElements(By.id("signal"))).isEmpty();
		assertThat(this.browser.findElements(By.id("cancel"))).isEmpty();
		assertThat(this.browser.findElements(By.id("retry"))).isEmpty();
		assertThat(this.browser.findElement(By.id("io")).getText()).contains("******").doesNotContain(id);
		screenshot("read-only");

		// The policy is on and a refusal is heard: what every browser test checks at its end means something.
		this.browser.executeScript("document.getElementById('io').setAttribute('style', 'color: red');");
		this.wait.withMessage(() -> "the Content-Security-Policy refusing an inline style")
			.until((driver) -> !((List<?>) this.browser.executeScript("return window.durableCspViolations || [];"))
				.isEmpty());
		this.browser.executeScript("window.durableCspViolations = [];");
		this.client.signal(id, "decision", new Decision("ada", true));
		handle.await(AWAIT);
	}

}
