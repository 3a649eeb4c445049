package dev.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * The timer crash test on an H2 file.
 */
class H2TimerCrashIntegrationTests extends AbstractTimerCrashIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("journal") + ";WRITE_DELAY=0");
	}

}
