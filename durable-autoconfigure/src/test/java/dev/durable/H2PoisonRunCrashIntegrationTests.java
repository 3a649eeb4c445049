package dev.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * The poison run crash test on an H2 file that each process opens after its predecessor died.
 */
class H2PoisonRunCrashIntegrationTests extends AbstractPoisonRunCrashIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("journal") + ";WRITE_DELAY=0");
	}

}
