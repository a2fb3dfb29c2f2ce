package org.mltrules.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.Assessment;
import org.mltrules.CandidacyLevel;
import org.mltrules.Category;
import org.mltrules.Lesion;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Site;
import org.mltrules.json.CaseJson;

/** The card of each bundled demo case, and the card's text rules (length, indicator, no raw HTML). */
class CardBuilderTest {
    static final MltRules RULES = MltRules.bundled();

    static List<PatientCase> demoCases() throws IOException {
        List<PatientCase> cases = new ArrayList<>();
        try (InputStream in = CardBuilderTest.class.getClassLoader().getResourceAsStream(DemoCases.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(CaseJson.read(line));
                }
            }
        }
        return cases;
    }

    static Stream<PatientCase> demos() throws IOException {
        return demoCases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demos")
    void everyDemoCaseGetsAShortSummaryTheRightIndicatorAndNoRawHtml(PatientCase demo) {
        Assessment a = RULES.assess(demo);
        ObjectNode card = CardBuilder.card(a, demo, Json.array(), List.of(), RULES.conventions());

        String summary = card.get("summary").asText();
        assertThat(summary.codePointCount(0, summary.length())).isLessThanOrEqualTo(139);
        assertThat(summary).doesNotContain(demo.caseId());
        assertThat(card.get("indicator").asText())
                .isEqualTo(a.candidacy().level() == CandidacyLevel.CANDIDATE ? "info" : "warning");
        String detail = card.get("detail").asText();
        assertThat(detail).doesNotContainPattern("(?<!\\\\)<").contains(Assessment.DISCLAIMER.substring(0, 20))
                .contains(a.rules().fingerprint()).contains(a.category().name());
        assertThat(card.get("extension").get("org.mltrules.assessment").get("caseId").asText())
                .isEqualTo(demo.caseId());
        assertThat(card.has("suggestions")).isFalse();
    }

    @Test
    void theSummaryNamesCategoryAndCandidacyInWords() throws IOException {
        PatientCase demo02 = demoCases().stream().filter(c -> c.caseId().equals("demo-02")).findFirst()
                .orElseThrow();
        Assessment a = RULES.assess(demo02);
        assertThat(a.category()).isEqualTo(Category.METACHRONOUS_OLIGORECURRENCE);
        String summary = CardBuilder.summary(a);
        assertThat(summary).startsWith("Metachronous oligorecurrence (ESTRO/EORTC): ");
        assertThat(summary).contains(a.candidacy().level() == CandidacyLevel.CANDIDATE
                ? "local therapy candidate" : "local therapy");
    }

    @Test
    void anUnknownLifeExpectancyIsAFactToConfirm() throws IOException {
        PatientCase demo = demoCases().get(1).toBuilder().lifeExpectancyMonths(null).build();
        String detail = CardBuilder.card(RULES.assess(demo), demo, null, List.of(), RULES.conventions()).get("detail").asText();
        assertThat(detail).contains("Confirm a life expectancy of at least 6 months");
        PatientCase known = demoCases().get(1);
        assertThat(CardBuilder.card(RULES.assess(known), known, null, List.of(), RULES.conventions()).get("detail").asText())
                .doesNotContain("life expectancy of at least 6 months");
    }

    @Test
    void anIndeterminateCaseNamesTheMissingFactsAndIsAWarning() {
        PatientCase unknown = PatientCase.builder("c1").histology("8890/3").lesions(
                Lesion.builder("L1", Site.LUNG).build()).build();
        Assessment a = RULES.assess(unknown);
        assertThat(a.category()).isEqualTo(Category.INDETERMINATE);
        ObjectNode card = CardBuilder.card(a, unknown, null, List.of("labs"), RULES.conventions());
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText()).contains("fact(s) missing");
        assertThat(card.get("detail").asText()).contains("### Facts to record").contains("`lesions[].safelyTreatable`")
                .contains("not provided by the EHR: prefetch `labs`");
    }

    @Test
    void recordTextCannotInjectMarkup() {
        String hostile = "<img src=x onerror=alert(1)> [click](http://evil) **bold** | cell\n# heading";
        String escaped = Markdown.text(hostile);
        assertThat(escaped).doesNotContainPattern("(?<!\\\\)[<>\\[\\]|*#]").doesNotContain("\n")
                .contains("\\<img").contains("\\|");
        PatientCase pc = PatientCase.builder("c").histology("8890/3").lesions(
                Lesion.builder("<script>x</script>", Site.LUNG).safelyTreatable(true).build()).build();
        String detail = CardBuilder.card(RULES.assess(pc), pc, null, List.of(), RULES.conventions()).get("detail").asText();
        assertThat(detail).doesNotContainPattern("(?<!\\\\)<").contains("\\<script\\>");
    }

    @Test
    void anOverlongSummaryIsShortenedToFit() {
        String full = "x".repeat(150);
        assertThat(CardBuilder.fit(full, "short")).isEqualTo("short");
        String cut = CardBuilder.fit(full, "y".repeat(145));
        assertThat(cut).hasSize(139).endsWith("...");
    }

    @Test
    void aRecordThatCannotBeAssessedGetsAWarningWithPathsOnly() {
        ObjectNode card = CardBuilder.notAssessed("the record could not be mapped",
                List.of("Bundle.entry[2].resource.subject: resource of another patient"), RULES.ruleSet(), null);
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText().length()).isLessThanOrEqualTo(139);
        JsonNode ext = card.get("extension");
        assertThat(ext.has("org.mltrules.mapping")).isTrue();
        assertThat(card.get("detail").asText()).contains("Bundle.entry\\[2\\].resource.subject");
    }

    @Test
    void optionsTiedOnScoreAndEvidenceAreShownAsATieNotAsAPreference() throws IOException {
        // demo-02, L1: RFA and cryoablation both +1 with a retrospective series behind them share rank 2; the fixed
        // technique order only lists them
        PatientCase demo02 = demoCases().stream().filter(c -> c.caseId().equals("demo-02")).findFirst()
                .orElseThrow();
        Assessment a = RULES.assess(demo02);
        var options = a.lesions().get(0).options();
        assertThat(options.get(1).score()).isEqualTo(options.get(2).score());

        assertThat(CardBuilder.displayRanks(options)).startsWith("1", "=2", "=2").doesNotContain("3");
        String detail = CardBuilder.card(a, demo02, null, List.of(), RULES.conventions()).get("detail").asText();
        assertThat(detail).contains("| =2 | Radiofrequency ablation |").contains("| =2 | Cryoablation |")
                .doesNotContain("| 3 |");
    }

    @Test
    void sharedRanksFromTheRulesAreShownAsTiesAndDistinctOnesAsTheyAre() {
        var reasonR = new org.mltrules.Reason("F1", 1, "t", "", org.mltrules.Tier.R);
        var reasonG = new org.mltrules.Reason("F2", 1, "t", "", org.mltrules.Tier.G);
        var shared = List.of(
                new org.mltrules.RankedOption(org.mltrules.Technique.SURGERY, 1, 2, List.of(reasonR)),
                new org.mltrules.RankedOption(org.mltrules.Technique.SABR, 2, 1, List.of(reasonG)),
                new org.mltrules.RankedOption(org.mltrules.Technique.MWA, 2, 1, List.of(reasonG)),
                new org.mltrules.RankedOption(org.mltrules.Technique.RFA, 4, 1, List.of(reasonR)),
                new org.mltrules.RankedOption(org.mltrules.Technique.CRYOABLATION, 5, 0, List.of()));
        assertThat(CardBuilder.displayRanks(shared)).containsExactly("1", "=2", "=2", "4", "5");
    }

    @Test
    void theQuestionsOfThePathCarryTheConventionsInForce() throws IOException {
        PatientCase demo02 = demoCases().stream().filter(c -> c.caseId().equals("demo-02")).findFirst()
                .orElseThrow();
        MltRules nineMonths = RULES.withConventions(RULES.conventions().toBuilder().synchronousWindowMonths(9).build());
        String detail = CardBuilder.card(nineMonths.assess(demo02), demo02, null, List.of(), nineMonths.conventions())
                .get("detail").asText();
        assertThat(detail).contains("more than 9 months after the primary?").doesNotContain("6 months after");
    }
}
