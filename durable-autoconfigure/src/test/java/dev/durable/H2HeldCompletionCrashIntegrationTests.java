package dev.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * The held-completion crash test on an H2 file, with the URL as most users write it.
 */
class H2HeldCompletionCrashIntegrationTests extends AbstractHeldCompletionCrashIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("journal") + ";DB_CLOSE_ON_EXIT=FALSE");
	}

}
