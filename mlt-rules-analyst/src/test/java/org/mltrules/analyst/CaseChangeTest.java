package org.mltrules.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrules.RuleProblem;

/** A scenario changes its base case as JSON: objects merge, values replace, lesions merge by id. */
class CaseChangeTest {
    private static CaseChange.Resolved resolve(String scenarios) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> read = ScenarioReader.read("s.json", "{ \"scenarios\": " + scenarios + " }", problems);
        assertThat(problems).isEmpty();
        return CaseChange.resolve(read);
    }

    private static final String BASE = """
            { "name": "base", "expect": { "category": "INDETERMINATE" }, "conventions": { "maxLesions": 4 },
              "case": { "caseId": "b-1", "ecog": 1, "history": { "polymetastatic": false, "oligometastatic": true },
                        "lesions": [ { "id": "L1", "site": "LUNG", "sizeMm": 12, "features": ["CENTRAL", "DEEP"] },
                                     { "id": "L2", "site": "LIVER", "sizeMm": 30 } ] } }
            """;

    @Test
    void aChangeMergesObjectsReplacesValuesAndMergesLesionsById() {
        CaseChange.Resolved r = resolve("[" + BASE + """
                , { "name": "changed", "base": "base", "expect": { "category": "INDETERMINATE" },
                    "change": { "ecog": null, "history": { "oligometastatic": false },
                                "lesions": [ { "id": "L1", "sizeMm": 25, "features": ["SUBPLEURAL"] },
                                             { "id": "L3", "site": "BONE_SPINE" } ] } }
                ]""");

        assertThat(r.errors()).isEmpty();
        assertThat(r.cases().get("changed").toString()).isEqualTo("{\"caseId\":\"changed\",\"ecog\":null,"
                + "\"history\":{\"polymetastatic\":false,\"oligometastatic\":false},\"lesions\":["
                + "{\"id\":\"L1\",\"site\":\"LUNG\",\"sizeMm\":25,\"features\":[\"SUBPLEURAL\"]},"
                + "{\"id\":\"L2\",\"site\":\"LIVER\",\"sizeMm\":30},{\"id\":\"L3\",\"site\":\"BONE_SPINE\"}]}");
        assertThat(r.cases().get("base").path("caseId").asText()).as("the base is not changed").isEqualTo("b-1");
        assertThat(r.cases().get("base").path("ecog").asInt()).isEqualTo(1);
    }

    @Test
    void lesionsAreRemovedByIdAndSettingsAreInherited() {
        CaseChange.Resolved r = resolve("[" + BASE + """
                , { "name": "one lesion", "base": "base", "removeLesions": ["L2"], "expect": { "fired": ["X"] },
                    "conventions": { "newLesionCountsAsProgression": false } },
                  { "name": "grandchild", "base": "one lesion", "expect": { "fired": ["X"] },
                    "centre": { "availableTechniques": ["SABR"] } }
                ]""");

        assertThat(r.cases().get("grandchild").path("lesions").toString())
                .isEqualTo("[{\"id\":\"L1\",\"site\":\"LUNG\",\"sizeMm\":12,\"features\":[\"CENTRAL\",\"DEEP\"]}]");
        assertThat(r.settings().get("grandchild").toString()).isEqualTo("{\"conventions\":{\"maxLesions\":4,"
                + "\"newLesionCountsAsProgression\":false},\"centre\":{\"availableTechniques\":[\"SABR\"]}}");
        assertThat(r.settings().get("base").toString()).isEqualTo("{\"conventions\":{\"maxLesions\":4}}");
    }

    @Test
    void anEmptyLesionListMeansNoLesionAndNullMeansUnknown() {
        CaseChange.Resolved r = resolve("[" + BASE + """
                , { "name": "none", "base": "base", "change": { "lesions": [] }, "expect": { "fired": ["X"] } },
                  { "name": "unknown", "base": "base", "change": { "lesions": null }, "expect": { "fired": ["X"] } }
                ]""");

        assertThat(r.cases().get("none").path("lesions").toString()).isEqualTo("[]");
        assertThat(r.cases().get("unknown").get("lesions").isNull()).isTrue();
    }

    @Test
    void unknownBasesCyclesAndBadLesionChangesAreReasonsNotToRun() {
        CaseChange.Resolved r = resolve("[" + BASE + """
                , { "name": "orphan", "base": "nobody", "expect": { "fired": ["X"] } },
                  { "name": "a", "base": "b", "expect": { "fired": ["X"] } },
                  { "name": "b", "base": "a", "expect": { "fired": ["X"] } },
                  { "name": "no id", "base": "base", "change": { "lesions": [ { "sizeMm": 3 } ] },
                    "expect": { "fired": ["X"] } },
                  { "name": "remove unknown", "base": "base", "removeLesions": ["L9"], "expect": { "fired": ["X"] } }
                ]""");

        assertThat(r.errors()).containsEntry("orphan", "no scenario named \"nobody\" to use as base")
                .containsEntry("no id", "change.lesions: each lesion change needs the \"id\" of the lesion it "
                        + "changes or adds")
                .containsEntry("remove unknown", "removeLesions: the base case has no lesion \"L9\"");
        assertThat(r.errors().get("a")).startsWith("its bases form a cycle: a -> b -> a");
        assertThat(r.errors()).containsKey("b");
        assertThat(r.cases()).containsOnlyKeys("base");
    }
}
