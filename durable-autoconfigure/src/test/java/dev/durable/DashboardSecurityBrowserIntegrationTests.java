package dev.durable;

import java.util.UUID;

import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.EscalationWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard behind Spring Security as Spring Boot configures it by default (form login, CSRF
 * protection on every write): an operator logs in, opens child workflows (ids with {@code /}),
 * and signals, cancels and retries them; the page sends the CSRF token, without which the same
 * write is refused.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "spring.security.user.name=operator",
				"spring.security.user.password=correct-horse" })
class DashboardSecurityBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	@Autowired
	WorkflowQueries queries;

	@Autowired
	EscalationWorkflow escalations;

	@Autowired
	ApprovalWorkflow approvals;

	@Test
	void anOperatorLogsInAndSignalsCancelsAndRetriesChildWorkflows() throws Exception {
		String signalled = "secured-" + UUID.randomUUID();
		WorkflowHandle<String> signalledParent = this.client.start(signalled,
				() -> this.escalations.escalate(signalled));
		String cancelled = "secured-cancel-" + UUID.randomUUID();
		this.client.start(cancelled, () -> this.escalations.escalate(cancelled));
		String failed = "secured-retry-" + UUID.randomUUID();
		this.client.start(failed, () -> this.approvals.parent(failed)).await(AWAIT);

		logIn();
		screenshot("security-1-logged-in");

		open(signalled + "/1", "WAITING");
		this.browser.findElement(By.id("signal-name")).sendKeys("decision");
		this.browser.findElement(By.id("signal-payload")).sendKeys("{\"approvedBy\":\"ada\",\"approved\":true}");
		this.browser.findElement(By.id("signal")).click();
		awaitMessage("Signalled workflow " + signalled + "/1");
		assertThat(signalledParent.await(AWAIT)).isEqualTo("escalated: ada approved");
		screenshot("security-2-child-signalled");

		open(cancelled + "/1", "WAITING");
		this.browser.findElement(By.id("cancel")).click();
		confirm();
		awaitMessage("Cancellation requested for workflow " + cancelled + "/1");
		WorkflowAwaits.status(this.queries, cancelled + "/1", WorkflowStatus.CANCELLED, AWAIT);

		open(failed + "/2", "FAILED");
		this.browser.findElement(By.id("retry")).click();
		confirm();
		awaitMessage("Retrying workflow " + failed + "/2");
	}

	@Test
	void aWriteWithoutTheCsrfTokenIsRefused() throws Exception {
		String id = "secured-csrf-" + UUID.randomUUID();
		this.client.start(id, () -> this.escalations.escalate(id));
		logIn();
		open(id + "/1", "WAITING");
		Object status = this.browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
				+ "fetch('/actuator/workflows/" + id + "/1', { method: 'DELETE', credentials: 'same-origin' })"
				+ ".then(function (r) { done(r.status); });");
		assertThat(status).isEqualTo(403L);
		assertThat(this.client.handle(id + "/1").status()).isEqualTo(WorkflowStatus.WAITING);
		this.client.cancel(id + "/1");
	}

	private void logIn() {
		this.browser.get("http://localhost:" + this.port + "/durable/");
		this.wait.withMessage(() -> "the login form, at " + this.browser.getCurrentUrl())
			.until((driver) -> !driver.findElements(By.name("username")).isEmpty());
		this.browser.findElement(By.name("username")).sendKeys("operator");
		this.browser.findElement(By.name("password")).sendKeys("correct-horse");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.withMessage(() -> "the dashboard after logging in, at " + this.browser.getCurrentUrl())
			.until((driver) -> "Durable workflows".equals(driver.getTitle()));
	}

	/** Opens the workflow's page by its link, as an operator sent one would. */
	private void open(String id, String status) throws InterruptedException {
		WorkflowAwaits.status(this.queries, id, WorkflowStatus.valueOf(status), AWAIT);
		this.browser.get("http://localhost:" + this.port + "/durable/#/workflows/" + id);
		this.wait.withMessage(() -> "the page of " + id + " with its actions")
			.until((driver) -> id.equals(driver.findElement(By.id("detail")).getDomAttribute("data-workflow-id"))
					&& status.equals(driver.findElement(By.id("detail")).getDomAttribute("data-status"))
					&& driver.findElement(By.id("actions")).isDisplayed());
	}

	private void confirm() {
		this.wait.withMessage(() -> "the confirmation dialog")
			.until((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
		this.browser.findElement(By.id("confirm-ok")).click();
	}

	private void awaitMessage(String expected) {
		this.wait.withMessage(() -> "the dashboard saying '" + expected + "'; it says: "
				+ this.browser.findElement(By.id("message")).getText())
			.until((driver) -> driver.findElement(By.id("message")).getText().contains(expected));
	}


}
