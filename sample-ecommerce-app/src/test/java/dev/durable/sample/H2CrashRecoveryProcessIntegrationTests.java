package dev.durable.sample;

import java.nio.file.Path;
import java.util.List;

/**
 * The crash test on the sample's default database, an H2 file.
 */
class H2CrashRecoveryProcessIntegrationTests extends AbstractCrashRecoveryProcessIntegrationTests {

	@Override
	List<String> databaseArguments(Path workDir) {
		return List.of("--spring.datasource.url=jdbc:h2:file:" + workDir.resolve("shop") + ";WRITE_DELAY=0");
	}

}
