package org.mltrules.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.RuleProblem;

/** The one-call check behind {@code mlt-rules check} and {@code mlt-rules test}: report, rendering, exit status. */
class RuleSetCheckTest {
    @Test
    void aSoundRuleFolderChecksOk() {
        CheckReport report = RuleSetCheck.check(Toy.FOLDER);

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.exitStatus()).isEqualTo(CheckReport.EXIT_OK);
        assertThat(report.render()).isEqualTo("rules: toy 0.1 " + report.ruleSet().fingerprint() + " ("
                + Toy.FOLDER + ")\n"
                + "scenarios: 5 run, 5 passed, 0 failed\n"
                + "coverage: 7 of 7 rules fired in a scenario\n"
                + "OK (0 error(s), 0 warning(s))\n");
    }

    @Test
    void aFailingScenarioAndAnUntestedRuleMakeTheCheckFailWithTheirPositions(@TempDir Path dir) {
        Path rules = Toy.copy(dir.resolve("rules"));
        Toy.write(rules.resolve("scenarios/toy.json"), """
                { "scenarios": [
                  { "name": "lung nodule",
                    "case": { "ecog": 1, "lesions": [ { "id": "L1", "site": "LUNG" } ] },
                    "expect": { "lesions": { "L1": { "first": "SABR" } } } }
                ] }
                """);

        CheckReport report = RuleSetCheck.check(rules);

        assertThat(report.exitStatus()).isEqualTo(CheckReport.EXIT_RULES_UNUSABLE);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.problems()).extracting(RuleProblem::render).startsWith(
                "scenarios/toy.json:2: scenario \"lung nodule\": lesion L1: first: expected SABR, actual SURGERY "
                        + "(ranking: 1.SURGERY(2) 2.SABR(0) 2.MWA(0) 2.RFA(0) 2.CRYOABLATION(0))",
                "toy.drl:25:1: warning: rule \"T2 too many or none: not oligometastatic\": no scenario makes this rule "
                        + "fire");
        assertThat(report.warnings()).isEqualTo(5);
        assertThat(report.render()).contains("scenarios: 1 run, 0 passed, 1 failed\n")
                .contains("coverage: 2 of 7 rules fired in a scenario; 5 never fired\n")
                .endsWith("FAILED (1 error(s), 5 warning(s))\n");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a rule whose eval throws for a scenario's case fails that scenario, naming the "
            + "rule; the check neither crashes nor says OK")
    void aRuleWhoseEvalThrowsFailsItsScenarioNamingTheRule(@TempDir Path dir) {
        // Given the toy rules and a rule whose eval divides by zero for ECOG 1 (the "lung nodule" scenario's case)
        Path rules = Toy.copy(dir.resolve("rules"));
        Toy.write(rules.resolve("eval.drl"), """
                package org.mltrules.rules;
                import org.mltrules.facts.Patient;

                rule "E1 eval divides by ECOG minus one"
                    @id("E1") @tier("E") @evidence("toy")
                when
                    Patient( $ecog : ecog != null )
                    eval( 10 / ($ecog - 1) > 0 )
                then
                end
                """);

        // When the folder is checked
        CheckReport report = RuleSetCheck.check(rules);

        // Then the scenarios whose case has ECOG 1 fail, naming the rule and the exception's class only
        assertThat(report.exitStatus()).isEqualTo(CheckReport.EXIT_RULES_UNUSABLE);
        assertThat(report.problems()).extracting(RuleProblem::render).contains(
                "scenarios/toy.json:3: scenario \"lung nodule\": rule \"E1 eval divides by ECOG minus one\" failed: "
                        + "java.lang.ArithmeticException");
    }

    @Test
    void unusableRulesAreReportedWithTheScenarioFileProblemsAndExitFour(@TempDir Path dir) {
        Path rules = Toy.copy(dir.resolve("rules"));
        Toy.write(rules.resolve("more.drl"), """
                package org.mltrules.rules;
                rule "Z1 no metadata"
                when
                then
                end
                """);
        Toy.write(rules.resolve("scenarios/broken.json"), "{ \"scenarios\": [ { \"name\": \"x\" } ");

        CheckReport report = RuleSetCheck.check(rules);

        assertThat(report.ruleSet()).isNull();
        assertThat(report.scenarios()).isNull();
        assertThat(report.exitStatus()).isEqualTo(CheckReport.EXIT_RULES_UNUSABLE);
        assertThat(report.problems()).extracting(RuleProblem::file).containsExactly("more.drl",
                "scenarios/broken.json", "scenarios/broken.json", "scenarios/broken.json");
        assertThat(report.problems().get(3).message()).startsWith("not valid JSON: Unexpected end-of-input");
        assertThat(report.render()).startsWith("rules: unusable (" + rules + ")\nmore.drl:2:1: rule \"Z1 no "
                + "metadata\": missing @id, @evidence, @tier");
    }

    @Test
    void testingExtraScenarioFilesUsesTheRuleSetsScenariosAsBases(@TempDir Path dir) {
        Path extra = dir.resolve("extra.json");
        Toy.write(extra, """
                { "scenarios": [
                  { "name": "lung nodule, inoperable", "base": "lung nodule", "change": { "medicallyOperable": false },
                    "expect": { "lesions": { "L2": { "first": "SABR" } } } }
                ] }
                """);

        CheckReport report = RuleSetCheck.test(Toy.rules(), List.of(extra));

        assertThat(report.ok()).as(report.render()).isTrue();
        assertThat(report.scenarios().results()).singleElement().matches(ScenarioResult::passed);
        assertThat(report.render()).contains("scenarios: 1 run, 1 passed, 0 failed\n")
                .contains("coverage: 3 of 7 rules fired in a scenario");
    }

    @Test
    void aScenarioFileThatCannotBeReadIsExitTwo(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        CheckReport report = RuleSetCheck.test(Toy.rules(), List.of(missing));

        assertThat(report.exitStatus()).isEqualTo(CheckReport.EXIT_INPUT_UNREADABLE);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(missing.toString());
            assertThat(p.message()).startsWith("cannot be read");
        });
    }
}
