package org.mltrules.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/architecture.md, on the classes of every module the command line depends on (all of
 * them but the examples and benchmarks): an {@code internal} package is used only inside its own module, and each
 * module sees only the modules below it.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mltrules");
    }

    /** The module a class comes from: its jar, or the {@code target/classes} folder of its module. */
    static String module(JavaClass c) {
        String uri = c.getSource().map(s -> s.getUri()).map(URI::toString).orElse("?");
        int jar = uri.indexOf(".jar!");
        if (jar >= 0) {
            return uri.substring(0, jar + 4);
        }
        int classesFolder = uri.indexOf("/target/classes/");
        return classesFolder >= 0 ? uri.substring(0, classesFolder) : uri;
    }

    private static ArchCondition<JavaClass> onlyBeUsedInsideTheirOwnModule() {
        return new ArchCondition<>("only be used by classes of their own module") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                for (Dependency d : internal.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    if (!module(user).equals(module(internal))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + " crosses from "
                                + module(user) + " into the internals of " + module(internal)));
                    }
                }
            }
        };
    }

    @Test
    @DisplayName("every module is on the class path (the rules below would pass vacuously otherwise)")
    void everyModuleIsImported() {
        for (String pkg : new String[] {"org.mltrules", "org.mltrules.internal", "org.mltrules.spi",
                "org.mltrules.facts", "org.mltrules.compiler.internal", "org.mltrules.json", "org.mltrules.cohort",
                "org.mltrules.fhir", "org.mltrules.fhir.internal", "org.mltrules.analyst", "org.mltrules.cli"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    @Test
    @DisplayName("an internal package is used only inside its own module")
    void internalStaysInItsModule() {
        ArchRule rule = classes().that().resideInAPackage("..internal..").should(onlyBeUsedInsideTheirOwnModule());
        rule.check(classes);
    }

    @Test
    @DisplayName("the core (API, SPI, facts, engine) depends on no other module of mlt-rules")
    void theCoreDependsOnNoOtherModule() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.mltrules", "org.mltrules.spi..",
                        "org.mltrules.facts..", "org.mltrules.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.mltrules.compiler..", "org.mltrules.json..",
                        "org.mltrules.cohort..", "org.mltrules.fhir..", "org.mltrules.analyst..", "org.mltrules.cli..");
        rule.check(classes);
    }

    @Test
    @DisplayName("the FHIR mapper sees only the core and the JSON formats (no rules, no compiler, no tools)")
    void theFhirMapperSeesOnlyCoreAndJson() {
        ArchRule rule = noClasses().that().resideInAPackage("org.mltrules.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage("org.mltrules.compiler..", "org.mltrules.cohort..",
                        "org.mltrules.analyst..", "org.mltrules.cli..", "org.mltrules.internal..",
                        "org.mltrules.facts..", "org.mltrules.rules..");
        rule.check(classes);
    }

    @Test
    @DisplayName("the JSON formats know nothing of FHIR: a bundle reaches them only as text")
    void theJsonFormatsDoNotDependOnFhir() {
        ArchRule rule = noClasses().that().resideInAPackage("org.mltrules.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.mltrules.fhir..", "org.hl7..", "ca.uhn..");
        rule.check(classes);
    }

    @Test
    @DisplayName("the libraries do not depend on the command line")
    void librariesDoNotDependOnTheCommandLine() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.mltrules.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.mltrules.cli..");
        rule.check(classes);
    }
}
