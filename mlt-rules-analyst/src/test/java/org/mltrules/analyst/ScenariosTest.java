package org.mltrules.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mltrules.RuleProblem;

/** Scenarios run against the toy rule set: what passes, what fails and how a failure reads. */
class ScenariosTest {
    @Test
    void theToyScenariosPassAndMakeEveryRuleFire() {
        ScenarioReport report = Scenarios.run(Toy.rules());

        assertThat(report.problems()).extracting(RuleProblem::render).isEmpty();
        assertThat(report.results()).hasSize(5).allMatch(ScenarioResult::passed);
        assertThat(report.coverage().uncovered()).isEmpty();
        assertThat(report.coverage().fired()).containsExactlyElementsOf(Toy.rules().ruleNames());
        assertThat(report.coverage().summary()).isEqualTo("7 of 7 rules fired in a scenario");
    }

    @Test
    void eachWrongExpectationIsReportedWithExpectedAndActualOutcome() {
        ScenarioReport report = Scenarios.run(Toy.rules(), Map.of("extra.json", """
                {
                  "scenarios": [
                    {
                      "name": "wrong about everything",
                      "base": "lung nodule",
                      "change": { "ecog": 3, "medicallyOperable": false },
                      "expect": {
                        "category": "SYNCHRONOUS_OMD",
                        "missing": ["ecog"],
                        "answers": { "P1": "YES" },
                        "flags": { "STAGING_MRI": true },
                        "fired": ["M1"],
                        "notFired": ["H3 ECOG 3 or more: no surgery"],
                        "lesions": {
                          "L1": { "first": "SURGERY", "notExcluded": ["SURGERY"], "score": { "SABR": 1 },
                                  "above": [["SURGERY", "SABR"]], "missing": ["ecog"],
                                  "reasons": { "SABR": ["F1"] } },
                          "L2": { "excluded": [ { "technique": "SABR", "rule": "H9" },
                                                { "technique": "SURGERY", "rule": "H2" } ] },
                          "L9": { "first": "SABR" }
                        }
                      }
                    }
                  ]
                }
                """), Toy.rules().scenarioFiles());

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.line()).isEqualTo(3);
        });
        assertThat(report.problems()).extracting(RuleProblem::render).containsExactly(
                "extra.json:3: scenario \"wrong about everything\": category: expected SYNCHRONOUS_OMD, actual "
                        + "METACHRONOUS_OLIGORECURRENCE",
                "extra.json:3: scenario \"wrong about everything\": classification missing: expected [ecog], actual []",
                "extra.json:3: scenario \"wrong about everything\": answer to P1: expected YES, actual NOT_ASKED",
                "extra.json:3: scenario \"wrong about everything\": flag STAGING_MRI: expected raised, actual not "
                        + "raised",
                "extra.json:3: scenario \"wrong about everything\": rule M1: expected fired, actual not fired (fired: "
                        + "[F1, F5, H3, T1])",
                "extra.json:3: scenario \"wrong about everything\": rule H3 ECOG 3 or more: no surgery: expected not "
                        + "fired, actual fired",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: SURGERY: expected not excluded, actual "
                        + "SURGERY excluded by [H3]",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: first: expected SURGERY, actual SABR "
                        + "(ranking: 1.SABR(2) 2.MWA(0) 2.RFA(0) 2.CRYOABLATION(0))",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: SURGERY above SABR: expected SURGERY "
                        + "ranked above SABR, actual ranking: 1.SABR(2) 2.MWA(0) 2.RFA(0) 2.CRYOABLATION(0)",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: missing: expected [ecog], actual []",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: SABR score: expected 1, actual SABR "
                        + "ranked 1 with score 2 (reasons [F5])",
                "extra.json:3: scenario \"wrong about everything\": lesion L1: SABR reasons: expected including [F1], "
                        + "actual SABR ranked 1 with score 2 (reasons [F5])",
                "extra.json:3: scenario \"wrong about everything\": lesion L2: SABR: expected excluded by H9, actual "
                        + "SABR ranked 1 with score 2 (reasons [F5])",
                "extra.json:3: scenario \"wrong about everything\": lesion L2: SURGERY: expected excluded by H2, actual "
                        + "SURGERY excluded by [H3]",
                "extra.json:3: scenario \"wrong about everything\": lesion L9: expected in the assessment, actual no "
                        + "such lesion (lesions: [L1, L2])");
        assertThat(report.coverage().fired()).containsExactlyInAnyOrder("T1 few lesions: oligorecurrence",
                "H3 ECOG 3 or more: no surgery", "F1 lung lesion: surgery favoured", "F5 inoperable: SABR favoured");
        assertThat(report.coverage().uncovered()).containsExactly("H3 ECOG unknown",
                "M1 myxoid liposarcoma: staging MRI", "T2 too many or none: not oligometastatic");
    }

    @Test
    void anInvalidCaseIsReportedWithTheFieldAndNotRun() {
        ScenarioReport report = Scenarios.run(Toy.rules(), Map.of("bad.json", """
                { "scenarios": [
                  { "name": "impossible dates", "base": "lung nodule",
                    "change": { "primaryDiagnosisDate": "2023-05-02", "omdDiagnosisDate": "2020-01-01", "ecog": 7 },
                    "expect": { "category": "INDETERMINATE" } },
                  { "name": "typo in the case", "case": { "ecgo": 1, "lesions": [] },
                    "expect": { "category": "NOT_OLIGOMETASTATIC" } }
                ] }
                """), Toy.rules().scenarioFiles());

        assertThat(report.results()).noneMatch(ScenarioResult::passed);
        assertThat(report.results().get(0).error()).startsWith("the case is invalid: ").contains("ecog = 7")
                .contains("omdDiagnosisDate");
        assertThat(report.results().get(1).error()).startsWith("the case is invalid: ecgo");
        assertThat(report.coverage().fired()).isEmpty();
    }

    @Test
    void aScenarioNameUsedTwiceIsAProblem() {
        ScenarioReport report = Scenarios.run(Toy.rules(), Map.of("dup.json", """
                { "scenarios": [
                  { "name": "lung nodule", "case": { "lesions": [] }, "expect": { "category": "NOT_OLIGOMETASTATIC" } }
                ] }
                """), Toy.rules().scenarioFiles());

        assertThat(report.fileProblems()).extracting(RuleProblem::render).containsExactly(
                "dup.json:2: scenario name \"lung nodule\" used twice: also at scenarios/toy.json:3");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void theRuleSetsOwnScenarioFileGivenUnderAnotherPathRunsWithoutADuplicateName() {
        // Given the toy rule set's own scenario file, named as the analyst types it on the command line
        String own = Toy.rules().scenarioFiles().get("scenarios/toy.json");

        // When it is run against the rule set whose library holds the same file
        ScenarioReport report = Scenarios.run(Toy.rules(), Map.of("toy-rules/scenarios/toy.json", own),
                Toy.rules().scenarioFiles());

        // Then no name is used twice and its scenarios pass
        assertThat(report.fileProblems()).isEmpty();
        assertThat(report.results()).isNotEmpty().allMatch(ScenarioResult::passed);
    }
}
