package dev.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.test.WorkflowAwaits;
import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.EscalationWorkflow;
import dev.durable.testapp.FanOutWorkflow;
import dev.durable.testapp.OrderWorkflow;
import dev.durable.testapp.StageWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser (headless Chromium) against the test application on embedded H2:
 * the overview, the search, deep links, the timeline, the signal editor and live refresh.
 * Screenshots of each are kept in {@code target/dashboard-screenshots}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	@Autowired
	WorkflowQueries queries;

	@Autowired
	ApprovalWorkflow approvals;

	@Autowired
	EscalationWorkflow escalations;

	@Autowired
	OrderWorkflow orders;

	@Autowired
	FanOutWorkflow fanOut;

	@Autowired
	StageWorkflow stages;

	@Test
	void theOverviewShowsTheCountOfEachStatusAndType() throws Exception {
		for (int i = 0; i < 3; i++) {
			String id = "browser-count-" + UUID.randomUUID();
			this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		}
		String waiting = "browser-waiting-" + UUID.randomUUID();
		this.client.start(waiting, () -> this.approvals.approve(waiting));
		WorkflowAwaits.status(this.queries, waiting, WorkflowStatus.WAITING, AWAIT);
		Map<WorkflowStatus, Long> counts = this.queries.countByStatus();

		this.browser.get(console(""));
		assertThat(this.browser.getTitle()).isEqualTo("Durable workflows");
		this.wait.withMessage(() -> "the overview's count of COMPLETED workflows, " + counts)
			.until((driver) -> statusCount("COMPLETED") == counts.get(WorkflowStatus.COMPLETED));
		assertThat(statusCount("WAITING")).isEqualTo(counts.get(WorkflowStatus.WAITING));
		assertThat(statusCount("FAILED")).isEqualTo(counts.getOrDefault(WorkflowStatus.FAILED, 0L));
		WebElement countType = this.browser.findElement(By.cssSelector("#by-type tr[data-type='OrderWorkflow.count']"));
		assertThat(countType.getText()).contains("OrderWorkflow.count");
		assertThat(this.browser.findElements(By.cssSelector("svg.chart rect.bar-started"))).isNotEmpty();
		screenshot("overview");

		this.browser.findElement(By.cssSelector("[data-status-count='WAITING']")).click();
		this.wait.withMessage(() -> "the list of WAITING workflows")
			.until((driver) -> !driver.findElements(row(waiting)).isEmpty());
		assertThat(this.browser.getCurrentUrl()).endsWith("#/workflows?status=WAITING");
		this.client.cancel(waiting);
	}

	@Test
	void searchesWorkflowsByIdPrefixKeepsTheSearchInTheUrlAndGoesBackToIt() throws Exception {
		String prefix = "browser-search-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> ids = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
		for (String id : ids) {
			this.client.start(id, () -> this.orders.count(id)).await(AWAIT);
		}
		this.browser.get(console("#/workflows"));
		WebElement search = this.wait.until((driver) -> driver.findElement(By.name("idPrefix")));
		search.sendKeys(prefix);
		this.browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
		this.wait.withMessage(() -> "the three workflows whose id starts with " + prefix)
			.until((driver) -> listedIds().equals(List.of(prefix + "-c", prefix + "-b", prefix + "-a")));
		assertThat(this.browser.getCurrentUrl()).contains("#/workflows?idPrefix=" + prefix);
		screenshot("search");

		clickWhenSettled(By.cssSelector("tr[data-workflow-id='" + prefix + "-b'] a"));
		awaitPage(prefix + "-b", "COMPLETED");
		this.browser.navigate().back();
		this.wait.withMessage(() -> "the search again after going back")
			.until((driver) -> listedIds().size() == 3);
		assertThat(this.browser.findElement(By.name("idPrefix")).getDomProperty("value")).isEqualTo(prefix);
	}

	@Test
	void aDeepLinkOpensAChildWorkflowWhosePageLinksToItsParent() throws Exception {
		String parent = "browser-parent-" + UUID.randomUUID();
		this.client.start(parent, () -> this.escalations.escalate(parent));
		String child = parent + "/1";
		WorkflowAwaits.status(this.queries, child, WorkflowStatus.WAITING, AWAIT);

		this.browser.get(console("#/workflows/" + child));
		awaitPage(child, "WAITING");
		assertThat(this.browser.findElement(By.id("detail-title")).getText()).contains(child);
		assertThat(this.browser.findElement(By.cssSelector("li.step[data-kind='signal']")).getText())
			.contains("waits for signal \u2018decision\u2019");
		screenshot("child-deep-link");

		this.browser.findElement(By.id("parent-link")).click();
		awaitPage(parent, "WAITING");
		WebElement childLink = this.browser.findElement(By.cssSelector("li.step[data-kind='child'] a.child-link"));
		assertThat(childLink.getText()).isEqualTo(child);
		this.browser.navigate().back();
		awaitPage(child, "WAITING");
		this.client.cancel(child);
	}

	@Test
	void theTimelineFoldsARetriedStepsAttemptsWithTheirErrors() throws Exception {
		String id = "browser-flaky-" + UUID.randomUUID();
		this.client.start(id, () -> this.orders.flaky(id, 2)).await(AWAIT);

		this.browser.get(console("#/workflows/" + id));
		awaitPage(id, "COMPLETED");
		By step = By.cssSelector("#timeline li.step[data-step='1']");
		this.wait.withMessage(() -> "step 1 of " + id + " with its three attempts")
			.until((driver) -> "3".equals(driver.findElement(step).getDomAttribute("data-attempts")));
		WebElement retried = this.browser.findElement(step);
		assertThat(retried.getText()).contains("Warehouse.flaky").contains("3 attempts");
		retried.findElement(By.cssSelector("details.attempts summary")).click();
		List<WebElement> attempts = retried.findElements(By.cssSelector("details.attempts li[data-attempt]"));
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).getText()).contains("Attempt 1 failed").contains("warehouse unreachable (attempt 1)")
			.contains("next attempt");
		assertThat(attempts.get(1).getText()).contains("Attempt 2 failed").contains("warehouse unreachable (attempt 2)");
		screenshot("timeline-retries");
	}

	@Test
	void theTimelineDrawsActivitiesThatRanAtOnceAsOverlappingBars() throws Exception {
		String id = "browser-fan-out-" + UUID.randomUUID();
		this.client.start(id, () -> this.fanOut.together(3, 300)).await(AWAIT);

		this.browser.get(console("#/workflows/" + id));
		awaitPage(id, "COMPLETED");
		By activities = By.cssSelector("#timeline li.step[data-kind='activity']");
		this.wait.withMessage(() -> "three activity steps on the timeline of " + id)
			.until((driver) -> driver.findElements(activities).size() == 3);
		List<WebElement> steps = this.browser.findElements(activities);
		Instant lastBegan = Instant.MIN;
		Instant firstEnded = Instant.MAX;
		for (WebElement step : steps) {
			Instant began = Instant.parse(step.getDomAttribute("data-begin"));
			Instant ended = Instant.parse(step.getDomAttribute("data-end"));
			assertThat(Duration.between(began, ended)).as("step " + step.getDomAttribute("data-step") + " lasts its 300 ms")
				.isGreaterThanOrEqualTo(Duration.ofMillis(290));
			lastBegan = lastBegan.isAfter(began) ? lastBegan : began;
			firstEnded = firstEnded.isBefore(ended) ? firstEnded : ended;
		}
		assertThat(lastBegan).as("every step began before any ended").isBefore(firstEnded);
		// Drawn that way too: on the shared axis, every bar starts left of where each other bar ends.
		List<Rectangle> bars = steps.stream()
			.map((step) -> step.findElement(By.cssSelector(".track .bar")).getRect())
			.toList();
		for (Rectangle bar : bars) {
			for (Rectangle other : bars) {
				assertThat(bar.getX()).isLessThan(other.getX() + other.getWidth());
			}
		}
		screenshot("timeline-fan-out");
	}

	@Test
	void sendsASignalThroughTheEditorAndSeesTheWorkflowCompleteWithoutAReload() throws Exception {
		String id = "browser-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.approvals.approve(id));
		WorkflowAwaits.status(handle, WorkflowStatus.WAITING, AWAIT);

		this.browser.get(console("#/workflows/" + id));
		awaitPage(id, "WAITING");
		this.browser.executeScript("window.durableTestMarker = 'same page';");
		this.browser.findElement(By.id("signal-name")).sendKeys("decision");
		WebElement payload = this.browser.findElement(By.id("signal-payload"));
		payload.sendKeys("{approvedBy: ada}");
		assertThat(this.browser.findElement(By.id("signal")).isEnabled()).isFalse();
		assertThat(this.browser.findElement(By.id("payload-status")).getText()).startsWith("Not JSON");
		screenshot("signal-editor-invalid");
		payload.clear();
		payload.sendKeys("{\"approvedBy\":\"ada\",\"approved\":true}");
		assertThat(this.browser.findElement(By.id("payload-status")).getText()).isEqualTo("Valid JSON.");
		this.browser.findElement(By.id("signal")).click();
		this.wait.withMessage(() -> "the console confirming the signal to " + id + ", it says: " + message())
			.until((driver) -> message().contains("Signalled workflow " + id));
		this.wait.withMessage(() -> "the page of " + id + " turning COMPLETED by itself")
			.until((driver) -> "COMPLETED".equals(detail().getDomAttribute("data-status")));
		assertThat(this.browser.executeScript("return window.durableTestMarker;")).isEqualTo("same page");
		assertThat(this.browser.findElement(By.cssSelector("li.step[data-kind='signal']")).getDomAttribute("data-outcome"))
			.isEqualTo("done");
		assertThat(this.browser.findElement(By.id("result")).getText()).contains("ada approved");
		screenshot("signal-completed");

		this.browser.findElement(By.id("tab-journal")).click();
		By completed = By.cssSelector("#events tr[data-event-type='WORKFLOW_COMPLETED']");
		this.wait.withMessage(() -> "the journal of " + id).until((driver) -> !driver.findElements(completed).isEmpty());
		assertThat(this.browser.findElements(By.cssSelector("#events tr[data-event-type='SIGNAL_RECEIVED']"))).hasSize(1);
		assertThat(this.browser.findElement(completed).getText()).contains("ada approved");
		assertThat(handle.await(AWAIT)).isEqualTo("ada approved");
	}

	@Test
	void showsTheLatestValueOfEachPublishedEvent() throws Exception {
		String id = "browser-stages-" + UUID.randomUUID();
		WorkflowHandle<String> handle = this.client.start(id, () -> this.stages.threeStages(id));
		assertThat(this.client.getEvent(id, "stage", String.class, AWAIT)).contains("RECEIVED");
		this.client.signal(id, "next", "go");
		this.wait.withMessage(() -> "workflow " + id + " waiting after its second stage")
			.until((driver) -> this.client.getEvent(id, "stage", String.class, Duration.ZERO)
				.filter("PAID"::equals)
				.isPresent() && this.client.handle(id).status() == WorkflowStatus.WAITING);

		this.browser.get(console("#/workflows/" + id + "?view=journal"));
		By stage = By.cssSelector("#published tr[data-event-key='stage']");
		this.wait.withMessage(() -> "the published stage of " + id)
			.until((driver) -> id.equals(detail().getDomAttribute("data-workflow-id"))
					&& !this.browser.findElements(stage).isEmpty());
		assertThat(this.browser.findElement(By.id("published")).isDisplayed()).isTrue();
		assertThat(this.browser.findElements(By.cssSelector("#published tbody tr"))).hasSize(1);
		assertThat(this.browser.findElement(stage).getText()).contains("stage").contains("\"PAID\"");
		this.wait.until((driver) -> driver.findElements(By.cssSelector("#events tr[data-event-type='EVENT_PUBLISHED']"))
			.size() == 2);
		screenshot("published-events");

		this.client.signal(id, "next", "go");
		assertThat(handle.await(AWAIT)).isNotNull();
	}

	private String console(String hash) {
		return "http://localhost:" + this.port + "/durable/" + hash;
	}

	private void awaitPage(String id, String status) {
		this.wait.withMessage(() -> "the page of " + id + " showing " + status + "; message: " + message())
			.until((driver) -> id.equals(detail().getDomAttribute("data-workflow-id"))
					&& status.equals(detail().getDomAttribute("data-status")));
	}

	private long statusCount(String status) {
		List<WebElement> count = this.browser
			.findElements(By.cssSelector("[data-status-count='" + status + "'] .count"));
		return count.isEmpty() ? -1 : Long.parseLong(count.get(0).getText());
	}

	private List<String> listedIds() {
		return this.browser.findElements(By.cssSelector("#workflows tr.workflow"))
			.stream()
			.map((element) -> element.getDomAttribute("data-workflow-id"))
			.toList();
	}

	private static By row(String id) {
		return By.cssSelector("#workflows tr.workflow[data-workflow-id='" + id + "']");
	}

	private String message() {
		return this.browser.findElement(By.id("message")).getText();
	}

	private WebElement detail() {
		return this.browser.findElement(By.id("detail"));
	}

}
