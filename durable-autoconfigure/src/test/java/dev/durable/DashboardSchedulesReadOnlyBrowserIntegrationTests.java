package dev.durable;

import dev.durable.scheduleapp.ScheduleApplication;
import dev.durable.testapp.StrictContentSecurityPolicy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's schedules view with the schedules endpoint's default access (read-only): it lists
 * the schedules but offers no pause or resume.
 */
@SpringBootTest(classes = { ScheduleApplication.class, StrictContentSecurityPolicy.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=workflows,schedules")
class DashboardSchedulesReadOnlyBrowserIntegrationTests extends AbstractDashboardBrowserTests {

	@Test
	void listsTheSchedulesWithoutPauseOrResumeWhenTheEndpointIsReadOnly() throws Exception {
		this.browser.get("http://localhost:" + this.port + "/durable/#/schedules");
		this.wait.withMessage(() -> "the schedules listed")
			.until((driver) -> driver.findElements(By.cssSelector("tr[data-schedule]")).size() == 4
					&& !driver.findElements(By.cssSelector("tr[data-schedule='Ticks.hourlyOnce'] [data-next-fire]"))
						.isEmpty());
		assertThat(this.browser.findElements(By.cssSelector("button.schedule-action"))).isEmpty();
		assertThat(this.browser.findElement(By.id("schedule-table")).getText()).doesNotContain("Actions");
		screenshot("schedules-read-only");
	}

}
