package dev.durable.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium ({@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driven by Selenium, for the dashboard's browser tests; screenshots go to
 * {@code target/dashboard-screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private final ChromeDriver browser;

	private final WebDriverWait wait;

	private HeadlessChromium(ChromeDriver browser, Duration timeout) {
		this.browser = browser;
		this.wait = new WebDriverWait(browser, timeout, Duration.ofMillis(250));
		this.wait.ignoring(StaleElementReferenceException.class);
	}

	/**
	 * Start a browser with a profile of its own.
	 * @param profile an empty directory for the browser's profile
	 * @param timeout how long {@link #waiting()} waits
	 * @return the browser
	 */
	public static HeadlessChromium start(Path profile, Duration timeout) {
		String install = "The dashboard's browser tests need headless Chromium: install Debian's chromium and "
				+ "chromium-driver packages (apt-get install -y chromium chromium-driver), as .ci/run does";
		assertThat(Files.isExecutable(CHROMIUM)).as(install + "; missing " + CHROMIUM).isTrue();
		assertThat(Files.isExecutable(CHROMEDRIVER)).as(install + "; missing " + CHROMEDRIVER).isTrue();
		// An explicit driver keeps Selenium Manager from looking for (or downloading) one.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options), timeout);
	}

	/**
	 * Return the driver.
	 * @return the driver
	 */
	public ChromeDriver driver() {
		return this.browser;
	}

	/**
	 * Return a wait that polls every 250 ms up to the timeout, ignoring stale elements.
	 * @return the wait
	 */
	public WebDriverWait waiting() {
		return this.wait;
	}

	/**
	 * Save a screenshot of the page.
	 * @param name the file name, without {@code .png}
	 * @throws IOException if it cannot be written
	 */
	public void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
