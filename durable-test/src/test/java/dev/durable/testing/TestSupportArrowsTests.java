package dev.durable.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.durable.engine.assembly.DurableEngine;
import dev.durable.engine.run.ReplayChecker;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Keeps test support on the small engine surface it is allowed, read from the bytecode of this
 * module's main classes: the public API, the engine's shared types (the clock), the journal port,
 * the fault-injection points, and the engine object with the replay checker it hands out.
 */
class TestSupportArrowsTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.durable.testing");

	@Test
	void testSupportUsesOnlyItsDeclaredEngineSurface() {
		DescribedPredicate<JavaClass> allowed = not(resideInAPackage("dev.durable.."))
			.or(resideInAnyPackage("dev.durable", "dev.durable.annotation", "dev.durable.testing..",
					"dev.durable.engine", "dev.durable.engine.journal", "dev.durable.engine.fault"))
			.or(belongToAnyOf(DurableEngine.class, ReplayChecker.class))
			.as("reside outside Durable, in the public API, dev.durable.engine, the journal port or the fault "
					+ "points, or are DurableEngine or the ReplayChecker it hands out");
		classes().that()
			.resideInAPackage("dev.durable.testing..")
			.should()
			.onlyDependOnClassesThat(allowed)
			.because("test support may use only the engine surface its package-info declares")
			.check(CLASSES);
	}

}
