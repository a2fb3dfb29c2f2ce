package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mltrules.MltRules;

/** The bundled rules loaded from a copy of their folder are the same rule set as the precompiled ones. */
class RuleFolderTest {
    @Test
    void aCopyOfTheBundledFolderHasTheBundledFingerprintAndRules() {
        MltRules bundled = ClassificationTest.RULES;
        MltRules copy = RuleFolders.folderCopy();

        assertThat(copy.ruleSet().fingerprint()).startsWith("sha256:").isEqualTo(bundled.ruleSet().fingerprint());
        assertThat(copy.ruleSet()).isEqualTo(bundled.ruleSet());
        assertThat(copy.ruleNames()).isEqualTo(bundled.ruleNames()).isNotEmpty();
        assertThat(copy.scenarioFiles()).isEqualTo(bundled.scenarioFiles());
        assertThat(copy.warnings()).as("the bundled rules lint clean").isEmpty();
    }

    @Test
    void theFolderCopyAssessesLikeThePrecompiledRules() {
        MltRules bundled = ClassificationTest.RULES;
        MltRules copy = RuleFolders.folderCopy();

        for (var c : ConcurrencyTest.mixedCases().subList(0, 10)) {
            assertThat(copy.assess(c)).isEqualTo(bundled.assess(c));
        }
    }
}
