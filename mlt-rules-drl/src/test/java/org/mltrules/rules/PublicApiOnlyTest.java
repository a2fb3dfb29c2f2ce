package org.mltrules.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tests of the rules, and the rules' generated executable model, use the engine through its public API only. */
class PublicApiOnlyTest {

    @Test
    @DisplayName("nothing in org.mltrules.rules (tests and generated model) uses org.mltrules.internal")
    void noInternalsInTheRulesModule() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.mltrules.rules");
        org.assertj.core.api.Assertions.assertThat(classes).as("the rules module's classes").hasSizeGreaterThan(50);
        noClasses().should().dependOnClassesThat().resideInAPackage("org.mltrules.internal..").check(classes);
    }
}
