package dev.durable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the package arrows of DESIGN.md honest, read from the bytecode of the library's main
 * classes: a call through an inferred type, a fully qualified name or a nested type counts, which
 * an import scan would miss. The arrows of {@code durable-test} are checked in that module.
 */
class PackageArrowsTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.durable");

	private static final String API = "dev.durable";

	private static final String ANNOTATION = "dev.durable.annotation";

	private static final String ENGINE = "dev.durable.engine";

	private static final String JOURNAL = "dev.durable.engine.journal";

	private static final String OBSERVE = "dev.durable.engine.observe";

	private static final String DEFINITION = "dev.durable.engine.definition";

	private static final String RETRY = "dev.durable.engine.retry";

	private static final String FAULT = "dev.durable.engine.fault";

	private static final String RUN = "dev.durable.engine.run";

	private static final String WORKER = "dev.durable.engine.worker";

	private static final String CLIENT = "dev.durable.engine.client";

	private static final String ASSEMBLY = "dev.durable.engine.assembly";

	/**
	 * Each room and the Durable packages below it that it may use; a room may always use itself.
	 * {@code dev.durable.autoconfigure} wires everything and is not listed.
	 */
	private static final Map<String, Set<String>> ARROWS = arrows();

	private static Map<String, Set<String>> arrows() {
		Map<String, Set<String>> arrows = new LinkedHashMap<>();
		arrows.put(ANNOTATION, Set.of());
		arrows.put(ENGINE, Set.of(API));
		arrows.put(JOURNAL, Set.of(API, ENGINE));
		arrows.put(OBSERVE, Set.of(API, ENGINE, JOURNAL));
		arrows.put(DEFINITION, Set.of(API, ANNOTATION, ENGINE));
		arrows.put(RETRY, Set.of(API, ANNOTATION, ENGINE, DEFINITION));
		arrows.put(FAULT, Set.of(API, ENGINE, JOURNAL));
		arrows.put(RUN, Set.of(API, ANNOTATION, ENGINE, JOURNAL, OBSERVE, DEFINITION, RETRY, FAULT));
		arrows.put(WORKER, Set.of(API, ENGINE, JOURNAL, OBSERVE, RUN));
		arrows.put(CLIENT, Set.of(API, ANNOTATION, ENGINE, JOURNAL, OBSERVE, DEFINITION, RETRY, FAULT, RUN));
		arrows.put(ASSEMBLY, Set.of(API, ANNOTATION, ENGINE, JOURNAL, OBSERVE, DEFINITION, RETRY, FAULT, RUN,
				WORKER, CLIENT));
		// The store implements the journal port and nothing else of the engine.
		arrows.put("dev.durable.store", Set.of(API, ENGINE, JOURNAL));
		return arrows;
	}

	@Test
	void publicApiReachesTheEngineOnlyThroughTheThreadBoundContexts() {
		DescribedPredicate<JavaClass> internal = resideInAPackage("dev.durable..")
			.and(not(resideInAnyPackage(API, ANNOTATION)))
			// Workflow, DurableFuture and ActivityContext are static facades over the running workflow
			// (its futures) or attempt.
			.and(not(belongToAnyOf(dev.durable.engine.run.ExecutionContexts.class,
					dev.durable.engine.run.WorkflowExecution.class, dev.durable.engine.run.FutureSteps.class,
					dev.durable.engine.run.ActivityExecution.class)))
			.as("Durable internals other than the facades' entry points (ExecutionContexts, WorkflowExecution, "
					+ "FutureSteps, ActivityExecution)");
		noClasses().that()
			.resideInAnyPackage(API, ANNOTATION)
			.should()
			.dependOnClassesThat(internal)
			.because("dev.durable and dev.durable.annotation are the public API of API.md")
			.check(CLASSES);
	}

	@Test
	void everyRoomUsesOnlyTheRoomsBelowIt() {
		// Every room is checked, so that a failure lists the violations of all rooms at once.
		List<String> failures = new ArrayList<>();
		ARROWS.forEach((room, below) -> {
			EvaluationResult result = roomRule(room, below).evaluate(CLASSES);
			if (result.hasViolation()) {
				failures.add(result.getFailureReport().toString());
			}
		});
		if (!failures.isEmpty()) {
			throw new AssertionError(String.join(System.lineSeparator(), failures));
		}
	}

	@Test
	void actuatorReadsThroughTheJournalPortAndTheDeclaredWritePorts() {
		DescribedPredicate<JavaClass> allowed = not(resideInAPackage("dev.durable.."))
			.or(resideInAnyPackage(API, "dev.durable.actuate", JOURNAL, OBSERVE))
			// Retrying and pausing a schedule have no public API, so those writes go through the engine's.
			.or(belongToAnyOf(dev.durable.engine.client.WorkflowRetrier.class,
					dev.durable.engine.client.ScheduledStarts.class))
			.as("reside outside Durable, in the public API, the journal port or the observation hooks, "
					+ "or are WorkflowRetrier or ScheduledStarts");
		classes().that()
			.resideInAPackage("dev.durable.actuate")
			.should()
			.onlyDependOnClassesThat(allowed)
			.because("the actuator reads through the journal port, never through the store or the engine's run")
			.check(CLASSES);
	}

	@Test
	void onlyTheRetryRoomAndTheWiringKnowResilience4j() {
		noClasses().that()
			.resideInAPackage("dev.durable..")
			.and()
			.resideOutsideOfPackages(RETRY, "dev.durable.autoconfigure")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.resilience4j..")
			.because("retry policy resolution is the one engine job that knows Resilience4j")
			.check(CLASSES);
	}

	@Test
	void engineRoomsHaveNoCycles() {
		slices().matching("dev.durable.engine.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.durable.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	private static ArchRule roomRule(String room, Set<String> below) {
		String[] packages = new String[below.size() + 1];
		packages[0] = room;
		int i = 1;
		for (String pkg : below) {
			packages[i++] = pkg;
		}
		DescribedPredicate<JavaClass> allowed = not(resideInAPackage("dev.durable.."))
			.or(resideInAnyPackage(packages))
			.as("reside outside Durable or in " + String.join(", ", packages));
		return classes().that()
			.resideInAPackage(room)
			.should()
			.onlyDependOnClassesThat(allowed)
			.because("arrows point down: " + room + " may use only " + below)
			.allowEmptyShould(true);
	}

}
