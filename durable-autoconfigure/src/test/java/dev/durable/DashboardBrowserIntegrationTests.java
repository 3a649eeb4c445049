package dev.durable;

import java.time.Duration;
import java.util.UUID;

import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.StageWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (headless Chromium) against the test application on
 * embedded H2. Screenshots of each step are kept in {@code target/dashboard-screenshots}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	StageWorkflow stages;

	@Test
	void findsAWorkflowOpensItsTimelineSignalsItAndSeesItComplete() throws Exception {
		String id = "browser-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));

		this.browser.get("http://localhost:" + this.port + "/durable/");
		assertThat(this.browser.getTitle()).isEqualTo("Durable workflows");
		WebElement type = this.browser.findElement(By.name("type"));
		type.clear();
		type.sendKeys("ApprovalWorkflow.approve");
		By row = By.cssSelector("#workflows tr.workflow[data-workflow-id='" + id + "']");
		// The list shows what it fetched: ask again until the workflow waits for its signal.
		this.wait.withMessage(() -> "workflow " + id + " listed as WAITING")
			.until((driver) -> refreshedRowStatus(row).equals("WAITING"));
		screenshot("1-list-waiting");

		clickWhenSettled(row);
		this.wait.withMessage(() -> "timeline of " + id + " with its signal wait")
			.until((driver) -> id.equals(detail().getDomAttribute("data-workflow-id"))
					&& !this.browser.findElements(By.cssSelector("#events tr[data-event-type='SIGNAL_WAIT_STARTED']"))
						.isEmpty());
		assertThat(this.browser.findElement(By.id("detail-title")).getText()).contains(id)
			.contains("ApprovalWorkflow.approve");
		screenshot("2-timeline-waiting");

		this.browser.findElement(By.id("signal-name")).sendKeys("decision");
		this.browser.findElement(By.id("signal-payload")).sendKeys("{\"approvedBy\":\"ada\",\"approved\":true}");
		this.browser.findElement(By.id("signal")).click();
		this.wait.withMessage(() -> "the dashboard confirming the signal to " + id + ", it says: " + message())
			.until((driver) -> this.browser.findElement(By.id("message")).getText().contains("Signalled workflow " + id));

		this.wait.withMessage(() -> "workflow " + id + " listed as COMPLETED")
			.until((driver) -> refreshedRowStatus(row).equals("COMPLETED"));
		clickWhenSettled(row);
		By completed = By.cssSelector("#events tr[data-event-type='WORKFLOW_COMPLETED']");
		this.wait.withMessage(() -> "timeline of " + id + " ending in WORKFLOW_COMPLETED")
			.until((driver) -> "COMPLETED".equals(detail().getDomAttribute("data-status"))
					&& !this.browser.findElements(completed).isEmpty());
		assertThat(this.browser.findElements(By.cssSelector("#events tr[data-event-type='SIGNAL_RECEIVED']")))
			.hasSize(1);
		assertThat(this.browser.findElement(completed).getText()).contains("ada approved");
		assertThat(this.browser.findElement(By.id("message")).getAttribute("class")).isNotEqualTo("error");
		screenshot("3-timeline-completed");

		assertThat(handle.await(AWAIT)).isEqualTo("ada approved");
	}

	@Test
	void showsTheLatestValueOfEachPublishedEvent() throws Exception {
		String id = "browser-stages-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.threeStages(id));
		assertThat(this.client.getEvent(id, "stage", String.class, AWAIT)).contains("RECEIVED");
		this.client.signal(id, "next", "go");

		this.browser.get("http://localhost:" + this.port + "/durable/");
		WebElement type = this.browser.findElement(By.name("type"));
		type.clear();
		type.sendKeys("StageWorkflow.threeStages");
		By row = By.cssSelector("#workflows tr.workflow[data-workflow-id='" + id + "']");
		this.wait.withMessage(() -> "workflow " + id + " listed as WAITING after its second stage")
			.until((driver) -> refreshedRowStatus(row).equals("WAITING")
					&& this.client.getEvent(id, "stage", String.class, Duration.ZERO)
						.filter("PAID"::equals)
						.isPresent());
		clickWhenSettled(row);
		By stage = By.cssSelector("#published tr[data-event-key='stage']");
		this.wait.withMessage(() -> "the published stage of " + id)
			.until((driver) -> id.equals(detail().getDomAttribute("data-workflow-id"))
					&& !this.browser.findElements(stage).isEmpty());
		assertThat(this.browser.findElement(By.id("published")).isDisplayed()).isTrue();
		assertThat(this.browser.findElements(By.cssSelector("#published tbody tr"))).hasSize(1);
		assertThat(this.browser.findElement(stage).getText()).contains("stage").contains("\"PAID\"");
		assertThat(this.browser.findElements(By.cssSelector("#events tr[data-event-type='EVENT_PUBLISHED']")))
			.hasSize(2);
		screenshot("4-published-events");

		this.client.signal(id, "next", "go");
		assertThat(handle.await(AWAIT)).isNotNull();
	}

	private String refreshedRowStatus(By row) {
		this.browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		return this.browser.findElements(row)
			.stream()
			.map((element) -> element.getDomAttribute("data-status"))
			.findFirst()
			.orElse("");
	}

	private String message() {
		return this.browser.findElement(By.id("message")).getText();
	}

	private WebElement detail() {
		return this.browser.findElement(By.id("detail"));
	}

}
