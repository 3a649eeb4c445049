package dev.durable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.durable.test.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser ({@link HeadlessChromium}) on the dashboard of the test application, started for each
 * test; subclasses name the application's set-up with {@code @SpringBootTest}.
 */
abstract class AbstractDashboardBrowserTests {

	static final Duration AWAIT = Duration.ofSeconds(60);

	@Autowired
	WorkflowClient client;

	@LocalServerPort
	int port;

	@TempDir
	Path profile;

	HeadlessChromium chromium;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void startBrowser() {
		this.chromium = HeadlessChromium.start(this.profile, AWAIT);
		this.browser = this.chromium.driver();
		this.wait = this.chromium.waiting();
	}

	/**
	 * Close the browser, after checking that the test application's strict Content-Security-Policy
	 * refused nothing the console tried (the page records each refusal it hears of).
	 */
	@AfterEach
	void stopBrowser() {
		if (this.chromium == null) {
			return;
		}
		try {
			assertThat(this.browser.executeScript("return window.durableCspViolations || [];")).asList()
				.as("Content-Security-Policy violations")
				.isEmpty();
		}
		finally {
			this.chromium.close();
		}
	}

	/** The list re-renders after each fetch: click an element once it stays put. */
	void clickWhenSettled(By element) {
		this.wait.until((driver) -> {
			driver.findElement(element).click();
			return true;
		});
	}

	void screenshot(String name) throws IOException {
		this.chromium.screenshot(name);
	}

}
