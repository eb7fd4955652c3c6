package io.r1forge.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.r1forge.workflows.pipeline.ClockReadingWorkflowFixture;
import java.security.SecureRandom;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * STYLE 9: the workflows module depends on Temporal only, and workflow code reads no clock and draws no random
 * numbers (both break replay). Each rule is also run against a fixture that breaks it, so the rule can fail.
 */
class WorkflowArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.r1forge.workflows");

    /** Only the JDK, Temporal and this module; slf4j because {@code Workflow.getLogger} returns its Logger. */
    static final ArchRule ONLY_TEMPORAL = classes().that().resideInAPackage("io.r1forge.workflows..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "io.temporal..", "io.r1forge.workflows..", "org.slf4j..");

    /** No file system, network, or randomness source anywhere in the module. */
    static final ArchRule NO_IO_OR_RANDOM = noClasses().that().resideInAPackage("io.r1forge.workflows..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "ai.djl..",
                    "io.minio..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.io.File.class, java.io.FileInputStream.class,
                    java.io.FileOutputStream.class, Random.class, SecureRandom.class, ThreadLocalRandom.class);

    private static final Set<String> CLOCK_AND_CHANCE_METHODS =
            Set.of("currentTimeMillis", "nanoTime", "now", "random", "randomUUID", "sleep");

    private static final DescribedPredicate<JavaMethodCall> READS_CLOCK_OR_CHANCE = DescribedPredicate.describe(
            "reads the clock, sleeps or draws a random number (System.currentTimeMillis/nanoTime, java.time "
                    + "now(), Math.random, UUID.randomUUID, Thread.sleep)",
            call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getTarget().getName();
                boolean jdkOwner = owner.startsWith("java.time.") || owner.equals("java.lang.System")
                        || owner.equals("java.lang.Math") || owner.equals("java.util.UUID")
                        || owner.equals("java.lang.Thread");
                return jdkOwner && CLOCK_AND_CHANCE_METHODS.contains(name);
            });

    /** Workflow implementations use Workflow.currentTimeMillis / Workflow.newRandom / Workflow.sleep instead. */
    static final ArchRule WORKFLOW_CODE_IS_DETERMINISTIC = noClasses()
            .that().resideInAPackage("io.r1forge.workflows.pipeline..")
            .should().callMethodWhere(READS_CLOCK_OR_CHANCE)
            .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class);

    @Test
    void moduleDependsOnTemporalOnly() {
        ONLY_TEMPORAL.check(MAIN);
        NO_IO_OR_RANDOM.check(MAIN);
    }

    @Test
    void workflowCodeReadsNoClockAndNoRandomness() {
        WORKFLOW_CODE_IS_DETERMINISTIC.check(MAIN);
    }

    @Test
    void theRulesCatchAWorkflowThatBreaksThem() {
        JavaClasses bad = new ClassFileImporter().importClasses(ClockReadingWorkflowFixture.class);
        assertTrue(WORKFLOW_CODE_IS_DETERMINISTIC.evaluate(bad).hasViolation());
        assertTrue(NO_IO_OR_RANDOM.evaluate(bad).hasViolation());
        assertTrue(ONLY_TEMPORAL.evaluate(bad).hasViolation());
    }
}
