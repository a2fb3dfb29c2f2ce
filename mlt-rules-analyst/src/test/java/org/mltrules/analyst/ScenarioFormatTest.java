package org.mltrules.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrules.RuleProblem;

/** Scenario files are read strictly: a misspelt expectation must never silently check nothing. */
class ScenarioFormatTest {
    private static List<String> problems(String text) {
        List<RuleProblem> problems = new ArrayList<>();
        ScenarioReader.read("scenarios/s.json", text, problems);
        return problems.stream().map(RuleProblem::render).toList();
    }

    @Test
    void malformedJsonIsAProblemAtItsLine() {
        assertThat(problems("{\n  \"scenarios\": [\n    { \"name\": \"x\", }\n  ]\n}\n"))
                .singleElement().asString().startsWith("scenarios/s.json:3: not valid JSON: ");
    }

    @Test
    void aKeyGivenTwiceIsAProblem() {
        assertThat(problems("{ \"scenarios\": [ { \"name\": \"a\", \"name\": \"b\" } ] }"))
                .singleElement().asString().contains("not valid JSON: Duplicate field 'name'");
    }

    @Test
    void misspeltKeysAndNamesAreProblemsNamingTheScenarioAndThePath() {
        assertThat(problems("""
                {
                  "scenarios": [
                    { "name": "ok", "case": { "lesions": [] }, "expect": { "category": "NO_DISTANT_METASTASIS" } },
                    { "name": "typos", "case": { "lesions": [] },
                      "expect": {
                        "categroy": "NO_DISTANT_METASTASIS",
                        "candidacy": "MAYBE",
                        "flags": { "STAGING_MRI": "yes", "PET": true },
                        "answers": { "Q6": "YES", "Q1": "MAYBE" },
                        "lesions": { "L1": { "first": "LASER", "excluded": [ { "technique": "SABR", "by": "H9" } ],
                                             "above": [ ["SABR"] ] } }
                      } }
                  ]
                }
                """)).containsExactly(
                "scenarios/s.json:4: scenario \"typos\": unknown key \"expect.categroy\": expected one of [answers, "
                        + "because, candidacy, candidacyMissing, category, conventions, fired, flags, lesions, missing, "
                        + "notFired, preconditionFailures]",
                "scenarios/s.json:4: scenario \"typos\": expect.answers: unknown step \"Q6\": expected P1-P3 or Q1-Q5",
                "scenarios/s.json:4: scenario \"typos\": expect.answers.Q1: expected one of [NO, NOT_ASKED, UNKNOWN, "
                        + "YES]",
                "scenarios/s.json:4: scenario \"typos\": expect.candidacy: unknown value \"MAYBE\": expected one of "
                        + "[CANDIDATE, DISCUSS, NOT_RECOMMENDED]",
                "scenarios/s.json:4: scenario \"typos\": expect.flags.STAGING_MRI: true (raised) or false (not raised)",
                "scenarios/s.json:4: scenario \"typos\": expect.flags: unknown value \"PET\": expected one of "
                        + "[INDETERMINATE_CLASSIFICATION, SHORT_DOUBLING_TIME, OLIGOPROGRESSION, HISTOLOGY_PROTOCOL, "
                        + "STAGING_MRI, HISTOLOGY_NOT_RECOGNISED, SPINE_INSTABILITY]",
                "scenarios/s.json:4: scenario \"typos\": unknown key \"expect.lesions.L1.excluded[].by\": expected one "
                        + "of [rule, technique]",
                "scenarios/s.json:4: scenario \"typos\": expect.lesions.L1.first: unknown value \"LASER\": expected one "
                        + "of [SABR, MWA, RFA, CRYOABLATION, SURGERY]",
                "scenarios/s.json:4: scenario \"typos\": expect.lesions.L1.above: pairs of techniques, the first "
                        + "ranked above the second: [[\"SURGERY\", \"SABR\"]]");
    }

    @Test
    void aScenarioNeedsANameEitherACaseOrABaseAndAnExpectation() {
        assertThat(problems("""
                { "scenarios": [
                  { "case": {}, "expect": { "category": "INDETERMINATE" } },
                  { "name": "both", "case": {}, "base": "x", "expect": { "category": "INDETERMINATE" } },
                  { "name": "neither", "expect": { "category": "INDETERMINATE" } },
                  { "name": "no expectation", "case": {} },
                  { "name": "change without base", "case": {}, "change": { "ecog": 1 }, "expect": { "fired": ["P1"] } }
                ] }
                """)).containsExactly(
                "scenarios/s.json:2: a scenario needs a \"name\" (text)",
                "scenarios/s.json:3: scenario \"both\": give either a \"case\" or a \"base\" (the name of the scenario "
                        + "whose case this one changes)",
                "scenarios/s.json:4: scenario \"neither\": give either a \"case\" or a \"base\" (the name of the "
                        + "scenario whose case this one changes)",
                "scenarios/s.json:5: scenario \"no expectation\": a scenario needs an \"expect\" object stating at "
                        + "least one expected outcome",
                "scenarios/s.json:6: scenario \"change without base\": \"change\" must be an object, and goes with "
                        + "\"base\"");
    }

    @Test
    void conventionsAndCentreAreChecked() {
        assertThat(problems("""
                { "scenarios": [
                  { "name": "c", "case": {}, "expect": { "category": "INDETERMINATE" },
                    "conventions": { "maxLesions": "five", "maintenanceCountsAsActive": false },
                    "centre": { "availableTechniques": ["SABR", "PROTONS"], "closedOnSundays": true } }
                ] }
                """)).containsExactly(
                "scenarios/s.json:2: scenario \"c\": conventions.maxLesions: expected one of [activeTherapyWindowDays, "
                        + "maxLesions, synchronousWindowMonths] (integers) or [maintenanceCountsAsActive, "
                        + "newLesionCountsAsProgression, regionalNodesCountAsMetastasis] (true/false)",
                "scenarios/s.json:2: scenario \"c\": unknown key \"centre.closedOnSundays\": expected one of "
                        + "[availableTechniques, nonAblatableSites]",
                "scenarios/s.json:2: scenario \"c\": centre.availableTechniques: unknown value \"PROTONS\": expected "
                        + "one of [SABR, MWA, RFA, CRYOABLATION, SURGERY]");
    }

    @Test
    void aFileMustHoldAScenariosArray() {
        assertThat(problems("[]")).containsExactly(
                "scenarios/s.json:1: a scenario file holds one JSON object: {\"scenarios\": [ ... ]}");
        assertThat(problems("{ \"scenario\": [] }")).containsExactly(
                "scenarios/s.json:1: unknown key \"scenario\": expected one of [description, scenarios]",
                "scenarios/s.json:1: no \"scenarios\" array");
    }
}
