package dev.durable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;

import dev.durable.testapp.ApprovalWorkflow;
import dev.durable.testapp.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs) driven by Selenium against the test
 * application on embedded H2. Screenshots of each step are kept in
 * {@code target/dashboard-screenshots}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@Autowired
	ApprovalWorkflow approvals;

	@LocalServerPort
	int port;

	@TempDir
	Path profile;

	private ChromeDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		String install = "The dashboard's browser test needs headless Chromium: install Debian's chromium and "
				+ "chromium-driver packages (apt-get install -y chromium chromium-driver), as .ci/run does";
		assertThat(Files.isExecutable(CHROMIUM)).as(install + "; missing " + CHROMIUM).isTrue();
		assertThat(Files.isExecutable(CHROMEDRIVER)).as(install + "; missing " + CHROMEDRIVER).isTrue();
		// An explicit driver keeps Selenium Manager from looking for (or downloading) one.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, AWAIT, Duration.ofMillis(250));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

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

		this.browser.findElement(row).click();
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
		this.browser.findElement(row).click();
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

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
