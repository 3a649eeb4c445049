package dev.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * The fan-out crash test on an H2 file.
 */
class H2FanOutCrashIntegrationTests extends AbstractFanOutCrashIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("journal") + ";WRITE_DELAY=0");
	}

}
