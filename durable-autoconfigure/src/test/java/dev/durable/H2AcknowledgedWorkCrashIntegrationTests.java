package dev.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * The acknowledged-work crash test on an H2 file, with the URL as most users write it: no
 * {@code WRITE_DELAY}, so H2 would delay writing commits to the file by half a second.
 */
class H2AcknowledgedWorkCrashIntegrationTests extends AbstractAcknowledgedWorkCrashIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("journal") + ";DB_CLOSE_ON_EXIT=FALSE");
	}

}
