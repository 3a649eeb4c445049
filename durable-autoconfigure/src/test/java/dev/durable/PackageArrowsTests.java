package dev.durable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the package arrows of DESIGN.md honest: each package imports only the Durable packages
 * below it.
 */
class PackageArrowsTests {

	private static final Path SOURCES = Path.of("src", "main", "java", "dev", "durable");

	private static final Map<String, Set<String>> ALLOWED = Map.of(
			"dev.durable.annotation", Set.of(),
			// The static facades reach the engine only through its thread-bound contexts.
			"dev.durable", Set.of("dev.durable.annotation", "dev.durable.engine.run.ExecutionContexts"),
			"dev.durable.engine", Set.of("dev.durable", "dev.durable.annotation"),
			"dev.durable.store", Set.of("dev.durable", "dev.durable.engine"),
			"dev.durable.actuate", Set.of("dev.durable", "dev.durable.engine.journal.WorkflowQueries",
					"dev.durable.engine.journal.WorkflowRecord", "dev.durable.engine.journal.JournalEvent",
					// Write ports: retrying needs the engine (no public API), listing its filter;
					// metrics observe the engine through its listener interface, tracing through its
					// observer interface.
					"dev.durable.engine.observe.ExecutionObserver",
					"dev.durable.engine.client.WorkflowRetrier", "dev.durable.engine.journal.WorkflowFilter",
					"dev.durable.engine.observe.WorkflowEventListener"),
			"dev.durable.autoconfigure", Set.of("dev.durable", "dev.durable.annotation", "dev.durable.engine",
					"dev.durable.store", "dev.durable.actuate"));

	@Test
	void everyPackageImportsOnlyWhatItsArrowsAllow() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				String pkg = source.lines()
					.filter((line) -> line.startsWith("package "))
					.findFirst()
					.orElseThrow()
					.replace("package ", "")
					.replace(";", "")
					.trim();
				Set<String> allowed = ALLOWED.get(pkg);
				assertThat(allowed).as("arrows declared for package " + pkg).isNotNull();
				source.lines()
					.filter((line) -> line.startsWith("import dev.durable."))
					.map((line) -> line.replace("import ", "").replace(";", "").trim())
					.filter((imported) -> !isAllowed(pkg, imported, allowed))
					.forEach((imported) -> violations.add(file.getFileName() + " (" + pkg + ") imports " + imported));
			}
		}
		assertThat(violations).isEmpty();
	}

	private static boolean isAllowed(String pkg, String imported, Set<String> allowed) {
		String importedPackage = imported.substring(0, imported.lastIndexOf('.'));
		return importedPackage.equals(pkg) || allowed.contains(importedPackage) || allowed.contains(imported);
	}

}
