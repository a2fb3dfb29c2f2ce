package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text report as a sarcoma board reads it (rule set 1.1, issue 12 item 5), and the rule catalogue command
 * (item 7). Cases are examples/cases/one.json with one fact changed, so that each check has its clinical reason.
 */
class BoardReportTest {

    /** one.json with the given top-level facts replaced (a {@code null} makes the fact unknown). */
    private static Path caseWith(Path dir, String name, Object... keyAndValue) throws IOException {
        ObjectNode c = (ObjectNode) Cli.json(Files.readString(Cli.ONE));
        for (int i = 0; i < keyAndValue.length; i += 2) {
            c.set((String) keyAndValue[i], Cli.json(String.valueOf(keyAndValue[i + 1])));
        }
        return Files.writeString(dir.resolve(name + ".json"), c.toString());
    }

    @Test
    @DisplayName("a lung nodule: one-line patient summary, a tie marked =2, numbered references, a legend at the end")
    void theReportOpensWithThePatientAndEndsWithTheLegend() {
        // Given the lung nodule of one.json, where RFA and cryoablation tie on score and tier
        // When it is assessed as text
        Cli.Run run = Cli.run("assess", Cli.ONE.toString());

        // Then the report starts with the patient, marks the tie, and explains its marks at the end
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Patient    leiomyosarcoma (8890/3), ECOG 0; primary 2019-03-12, OMD 2023-05-02;"
                + " 1 lesion: LUNG");
        assertThat(run.out()).containsPattern("\\n  1\\. +SURGERY +score \\+4\\n")
                .containsPattern("\\n  =2\\. +RFA +score \\+1\\n")
                .containsPattern("\\n  =2\\. +CRYOABLATION +score \\+1\\n")
                .containsPattern("\\n  4\\. +SABR +score 0\\n");
        assertThat(run.out()).contains("References\n  [1] Stamenovic D");
        assertThat(run.out().indexOf("Legend\n")).isGreaterThan(run.out().indexOf("References\n"))
                .isLessThan(run.out().indexOf("Rules: mlt-rules-bundled"));
        assertThat(run.out()).contains("=2:", "provisional:", "Tiers: G guideline");
    }

    @Test
    @DisplayName("life expectancy of 2 months: a NOT RECOMMENDED heading says why; options for information only")
    void notRecommendedOptionsComeUnderAHeadingThatSaysWhy(@TempDir Path dir) throws IOException {
        // Given the same patient with a life expectancy of 2 months
        Path file = caseWith(dir, "short-life", "lifeExpectancyMonths", 2);

        // When assessed as text
        Cli.Run run = Cli.run("assess", file.toString());

        // Then the per-lesion options follow a heading that gives the reason, and are for information only
        String out = run.out();
        assertThat(out).contains("LOCAL THERAPY NOT RECOMMENDED\n  because LIFE_EXPECTANCY_UNDER_6_MONTHS: life"
                + " expectancy under 6 months");
        assertThat(out).contains("The options per lesion below are listed for the board's information only.");
        assertThat(out.indexOf("LOCAL THERAPY NOT RECOMMENDED")).isLessThan(out.indexOf("Lesion L1"));
        assertThat(out).doesNotContain("Local therapy per lesion\n");
    }

    @Test
    @DisplayName("life expectancy unknown: the board is asked to confirm at least 6 months; still a candidate")
    void anUnknownLifeExpectancyAsksTheBoardToConfirmIt(@TempDir Path dir) throws IOException {
        Path file = caseWith(dir, "life-unknown", "lifeExpectancyMonths", "null");

        Cli.Run run = Cli.run("assess", file.toString());

        assertThat(run.out()).contains("Candidacy  CANDIDATE")
                .contains("confirm a life expectancy of at least 6 months");
    }

    @Test
    @DisplayName("platelets unknown: ablation options are provisional and name H5 and the fact that settles it")
    void anOptionWithAnUndecidedExclusionIsMarkedProvisional(@TempDir Path dir) throws IOException {
        Path file = caseWith(dir, "platelets-unknown", "plateletsPerNanolitre", "null");

        Cli.Run run = Cli.run("assess", file.toString());

        assertThat(run.out()).containsPattern("RFA +score \\+1  \\(provisional\\)\\n")
                .contains("could still be excluded by H5 (unknown: plateletsPerNanolitre)");
        assertThat(run.out()).containsPattern("SURGERY +score \\+4\\n");
    }

    @Test
    @DisplayName("short doubling time: C14 once, as a patient-level reason, never under a technique")
    void c14IsGivenOnceForThePatient(@TempDir Path dir) throws IOException {
        Path file = caseWith(dir, "short-doubling", "tumourDoublingTimeDays", 30);

        Cli.Run run = Cli.run("assess", file.toString());

        assertThat(run.out().split("C14 ", -1)).hasSize(2);
        assertThat(run.out().indexOf("C14 ")).isLessThan(run.out().indexOf("Lesion L1"));
    }

    @Test
    @DisplayName("CSV and JSON carry the shared rank: RFA and cryoablation both rank 2")
    void csvAndJsonCarryTheSharedRank() {
        Cli.Run csv = Cli.run("assess", "--format", "csv", Cli.ONE.toString());
        Cli.Run json = Cli.run("assess", "--format", "json", Cli.ONE.toString());

        assertThat(csv.out()).contains("demo-02,METACHRONOUS_OLIGORECURRENCE,CANDIDATE,L1,RFA,RANKED,2,1,")
                .contains("demo-02,METACHRONOUS_OLIGORECURRENCE,CANDIDATE,L1,CRYOABLATION,RANKED,2,1,")
                .contains("demo-02,METACHRONOUS_OLIGORECURRENCE,CANDIDATE,L1,SABR,RANKED,4,0,");
        List<String> ranks = new ArrayList<>();
        json.json().get("lesions").get(0).get("options")
                .forEach(o -> ranks.add(o.get("technique").asText() + " " + o.get("rank").asInt()));
        assertThat(ranks).containsExactly("SURGERY 1", "RFA 2", "CRYOABLATION 2", "SABR 4", "MWA 5");
    }

    @Test
    @DisplayName("rules: the catalogue in text, JSON and CSV names each rule with its tier, citation and file:line")
    void theRuleCatalogueListsEveryRuleForReview() {
        Cli.Run text = Cli.run("rules");
        Cli.Run csv = Cli.run("rules", "--format", "csv");
        Cli.Run json = Cli.run("rules", "--format", "json");

        assertThat(text.code()).isZero();
        assertThat(text.out()).startsWith("Rule catalogue: mlt-rules-bundled 1.1.0")
                .contains("exclusions.drl:", "\"H11 surgery excluded when the patient declines it\"")
                .contains("Fisher CG, DiPaola CP");
        assertThat(csv.out()).startsWith(RulesCommand.CSV_HEADER);
        assertThat(csv.out().lines().filter(l -> l.startsWith("EXCLUSION,H11,H11 surgery excluded"))).singleElement()
                .satisfies(l -> assertThat(l).contains(",SURGERY,EXCLUDE,E,false,", "the patient declines surgery"));
        JsonNode doc = json.json();
        assertThat(doc.toString()).contains("\"F16\"", "\"LIFE_EXPECTANCY_UNDER_6_MONTHS\"");
    }
}
