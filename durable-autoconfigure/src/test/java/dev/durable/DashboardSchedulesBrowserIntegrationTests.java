package dev.durable;

import java.time.Instant;

import dev.durable.actuate.SchedulesEndpoint;
import dev.durable.scheduleapp.ScheduleApplication;
import dev.durable.testapp.StrictContentSecurityPolicy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's schedules view in a real browser, under the strict Content-Security-Policy, on the
 * schedule test application (one schedule fires every second, three hourly), with the schedules
 * endpoint's write operations granted: it lists each schedule with its next fire time, links the
 * last run to that workflow's page, and pauses and resumes a schedule.
 */
@SpringBootTest(classes = { ScheduleApplication.class, StrictContentSecurityPolicy.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=workflows,schedules",
				"management.endpoint.schedules.access=unrestricted" })
class DashboardSchedulesBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	static final String HOURLY = "Ticks.hourlySkip";

	static final String EVERY_SECOND = "Ticks.everySecond";

	@Autowired
	SchedulesEndpoint endpoint;

	@Test
	void listsEachScheduleWithItsNextFireTimeAndLinksItsLastRunToThatWorkflow() throws Exception {
		Instant next = listed(HOURLY).nextFireTime();
		this.browser.get(console("#/schedules"));
		this.wait.withMessage(() -> "the next fire time of " + HOURLY + ", " + next)
			.until((driver) -> next.toString().equals(nextFire(HOURLY)));
		assertThat(row(HOURLY).getText()).contains(HOURLY).contains("0 0 * * * *");
		assertThat(this.browser.findElement(By.cssSelector("[data-nav='schedules']")).getDomAttribute("aria-current"))
			.isEqualTo("page");

		// The every-second schedule has run by now; the page refreshes every 10 s, so load it again.
		String lastRun = awaitLastRun();
		this.browser.navigate().refresh();
		WebElement link = this.wait.withMessage(() -> "the last run link of " + EVERY_SECOND)
			.until((driver) -> row(EVERY_SECOND).findElement(By.cssSelector("a.last-run")));
		String linked = link.getDomAttribute("title");
		assertThat(linked).startsWith(EVERY_SECOND + "@");
		assertThat(lastRun.compareTo(linked)).isLessThanOrEqualTo(0);
		screenshot("schedules");
		link.click();
		this.wait.withMessage(() -> "the page of the last run, " + linked)
			.until((driver) -> linked.equals(driver.findElement(By.id("detail")).getDomAttribute("data-workflow-id")));
	}

	@Test
	void pausesAndResumesAScheduleWhenTheEndpointGrantsWrites() throws Exception {
		this.browser.get(console("#/schedules"));
		clickWhenSettled(By.cssSelector("tr[data-schedule='" + HOURLY + "'] button[data-action='pause']"));
		this.wait.withMessage(() -> HOURLY + " shown as paused")
			.until((driver) -> "true".equals(row(HOURLY).getDomAttribute("data-paused")));
		assertThat(listed(HOURLY).paused()).as("paused through the endpoint").isTrue();
		assertThat(row(HOURLY).getText()).contains("paused").contains("Resume");
		screenshot("schedules-paused");

		clickWhenSettled(By.cssSelector("tr[data-schedule='" + HOURLY + "'] button[data-action='resume']"));
		this.wait.withMessage(() -> HOURLY + " shown as running again")
			.until((driver) -> "false".equals(row(HOURLY).getDomAttribute("data-paused")));
		assertThat(listed(HOURLY).paused()).as("resumed through the endpoint").isFalse();
		assertThat(nextFire(HOURLY)).isEqualTo(listed(HOURLY).nextFireTime().toString());
	}

	private String awaitLastRun() {
		return this.wait.withMessage(() -> "a run of " + EVERY_SECOND)
			.until((driver) -> listed(EVERY_SECOND).lastWorkflowId());
	}

	private SchedulesEndpoint.ScheduleDescriptor listed(String name) {
		return this.endpoint.schedules()
			.schedules()
			.stream()
			.filter((schedule) -> schedule.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private WebElement row(String name) {
		return this.browser.findElement(By.cssSelector("tr[data-schedule='" + name + "']"));
	}

	private String nextFire(String name) {
		return this.browser.findElements(By.cssSelector("tr[data-schedule='" + name + "'] [data-next-fire]"))
			.stream()
			.map((cell) -> cell.getDomAttribute("data-next-fire"))
			.findFirst()
			.orElse(null);
	}

	private String console(String hash) {
		return "http://localhost:" + this.port + "/durable/" + hash;
	}

}
