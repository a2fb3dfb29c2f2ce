package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.MltRules;
import org.mltrules.RuleProblem;

/**
 * The bundled rules touch no file, network, process, thread or reflection API and live in one package: they only
 * read facts and record outcomes. Checked by the linter analysts' rule folders get (mlt-rules-compiler's
 * SafetyLint): rules are code, an analyst's folder runs with the host's privileges, and the bundled set sets the
 * example.
 */
class BundledRulesAreSandboxedTest {

    @Test
    @DisplayName("the linter finds nothing in the bundled rules: no dangerous call, one package, the bundled one")
    void theBundledRulesPassTheSafetyLint() {
        // Given the bundled rule folder, compiled and linted from source as an analyst's folder is
        MltRules fromSource = RuleFolders.folderCopy();

        // Then no warning or error of the safety lint is among its problems
        assertThat(fromSource.warnings()).extracting(RuleProblem::render)
                .noneMatch(m -> m.contains(": uses ") || m.contains("package"));
    }

    @Test
    @DisplayName("the same linter reports a copy of the bundled rules with a rule that calls System.exit")
    void aCopyWithADangerousCallIsReported(@TempDir Path dir) {
        Path copy = RuleFolders.copyOfBundled(dir.resolve("rules"));
        RuleFolders.write(copy.resolve("careless.drl"), """
                package org.mltrules.rules;
                import org.mltrules.facts.Patient;
                rule "Z99 careless"
                    @id("Z99") @evidence("expert-convention") @tier("E")
                when
                    Patient( ecog == 4 )
                then
                    System.exit( 0 );
                end
                """);

        MltRules rules = MltRules.builder().rulesFrom(copy).build();

        assertThat(rules.warnings()).extracting(RuleProblem::render).anySatisfy(m -> assertThat(m)
                .startsWith("careless.drl:8:5: warning: rule \"Z99 careless\": uses System.exit: rules are code"));
    }
}
