package org.mltrules.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.RuleProblem;
import org.mltrules.RuleSetHandle;

/** A reload serves a rule set only if its own scenarios pass. */
class ScenarioVerificationTest {
    /** The toy rules with F1 weakened to +1 while the scenarios still say surgery scores 2. */
    private static Path weakened(Path dir) {
        Path changed = Toy.copy(dir.resolve("rules"));
        Toy.write(changed.resolve("toy.drl"), read(Toy.FOLDER.resolve("toy.drl")).replace(
                "@technique(\"SURGERY\") @effect(2)", "@technique(\"SURGERY\") @effect(1)"));
        return changed;
    }

    @Test
    @DisplayName("a handle made without naming a verification runs the new rules' scenarios: one fails, the old rules"
            + " keep serving")
    void theDefaultHandleRunsTheScenarios(@TempDir Path dir) {
        // Given a handle made the short way, serving the toy rules
        RuleSetHandle handle = new RuleSetHandle(Toy.rules());

        // When the analyst's change breaks a scenario and the folder is reloaded
        RuleSetHandle.Reload reload = handle.reload(weakened(dir));

        // Then the reload is refused with the failing scenario, and the old rules still serve
        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).extracting(RuleProblem::render).containsExactly(
                "scenarios/toy.json:3: scenario \"lung nodule\": lesion L1: SURGERY score: expected 2, actual "
                        + "SURGERY ranked 1 with score 1 (reasons [F1])");
        assertThat(handle.current()).isSameAs(Toy.rules());
    }

    @Test
    @DisplayName("an unverified reload happens only when the handle asks for it by name")
    void anUnverifiedReloadIsAskedForByName(@TempDir Path dir) {
        RuleSetHandle handle = new RuleSetHandle(Toy.rules(), RuleSetHandle.Verification.NONE);

        RuleSetHandle.Reload reload = handle.reload(weakened(dir));

        assertThat(reload.swapped()).isTrue();
        assertThat(handle.current()).isNotSameAs(Toy.rules());
    }

    @Test
    void aRuleSetWhoseScenariosFailNeverServes(@TempDir Path dir) {
        RuleSetHandle handle = new RuleSetHandle(Toy.rules(), ScenarioVerification.scenariosPass());

        RuleSetHandle.Reload reload = handle.reload(weakened(dir));

        assertThat(reload.swapped()).isFalse();
        assertThat(reload.candidate()).isNotNull();
        assertThat(reload.problems()).extracting(RuleProblem::render).containsExactly(
                "scenarios/toy.json:3: scenario \"lung nodule\": lesion L1: SURGERY score: expected 2, actual "
                        + "SURGERY ranked 1 with score 1 (reasons [F1])");
        assertThat(handle.current()).isSameAs(Toy.rules());
    }

    @Test
    void aRuleSetWithoutScenariosIsNotVerifiedSoNeverServes(@TempDir Path dir) throws IOException {
        RuleSetHandle handle = new RuleSetHandle(Toy.rules(), ScenarioVerification.scenariosPass());
        Path bare = Toy.copy(dir.resolve("rules"));
        Files.delete(bare.resolve("scenarios/toy.json"));

        RuleSetHandle.Reload reload = handle.reload(bare);

        assertThat(reload.swapped()).isFalse();
        assertThat(reload.problems()).extracting(RuleProblem::message)
                .containsExactly("no scenario files: the rule set cannot be verified");
    }

    @Test
    void strictVerificationAlsoRequiresEveryRuleToFire(@TempDir Path dir) {
        Path fewer = Toy.copy(dir.resolve("rules"));
        Toy.write(fewer.resolve("scenarios/toy.json"), """
                { "scenarios": [
                  { "name": "lung nodule", "case": { "ecog": 1, "lesions": [ { "id": "L1", "site": "LUNG" } ] },
                    "expect": { "lesions": { "L1": { "first": "SURGERY" } } } }
                ] }
                """);

        RuleSetHandle.Reload lenient = new RuleSetHandle(Toy.rules(), ScenarioVerification.scenariosPass())
                .reload(fewer);
        RuleSetHandle.Reload strict = new RuleSetHandle(Toy.rules(),
                ScenarioVerification.scenariosPassAndCoverEveryRule()).reload(fewer);

        assertThat(lenient.swapped()).isTrue();
        assertThat(lenient.problems()).hasSize(5).allMatch(p -> p.severity() == RuleProblem.Severity.WARNING);
        assertThat(strict.swapped()).isFalse();
        assertThat(strict.problems()).hasSize(5).allMatch(p -> p.severity() == RuleProblem.Severity.ERROR)
                .extracting(RuleProblem::render).contains("rule \"M1 myxoid liposarcoma: staging MRI\": no scenario "
                        + "makes this rule fire");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
